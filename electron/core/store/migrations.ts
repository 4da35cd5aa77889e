export const SCHEMA_VERSION = 1;

export class TooNewError extends Error {
  constructor(found: number) {
    super(`The data file was written by a newer version of this app (schema ${found}; this version knows ${SCHEMA_VERSION}). Update the app; nothing was changed.`);
    this.name = 'TooNewError';
  }
}

export interface SnapshotJson {
  schemaVersion: number;
  seq: number;
  collections: Record<string, Record<string, unknown>>;
}

/** Step n turns schema n into n + 1. Append only; never edit a released step. */
const STEPS: Array<(data: SnapshotJson) => SnapshotJson> = [];

export function migrate(data: SnapshotJson): SnapshotJson {
  if (data.schemaVersion > SCHEMA_VERSION) throw new TooNewError(data.schemaVersion);
  let current = data;
  while (current.schemaVersion < SCHEMA_VERSION) {
    const step = STEPS[current.schemaVersion - 1];
    if (!step) throw new Error(`no migration from schema ${current.schemaVersion}`);
    current = { ...step(current), schemaVersion: current.schemaVersion + 1 };
  }
  return current;
}
