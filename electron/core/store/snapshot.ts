import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { migrate, SCHEMA_VERSION, TooNewError, type SnapshotJson } from './migrations.js';

export type Collections = Map<string, Map<string, unknown>>;

export interface Snapshot {
  schemaVersion: number;
  /** The last journal sequence number this snapshot holds. */
  seq: number;
  collections: Collections;
}


function toJson(snapshot: Snapshot): string {
  const collections: Record<string, Record<string, unknown>> = {};
  for (const [name, map] of snapshot.collections) collections[name] = Object.fromEntries(map);
  return JSON.stringify({ schemaVersion: snapshot.schemaVersion, seq: snapshot.seq, collections } satisfies SnapshotJson);
}

function fromJson(text: string): Snapshot {
  const raw = JSON.parse(text) as Partial<SnapshotJson>;
  if (!raw || typeof raw !== 'object' || typeof raw.schemaVersion !== 'number' || typeof raw.seq !== 'number' || typeof raw.collections !== 'object' || raw.collections === null) {
    throw new Error('the file is JSON but not this app’s data');
  }
  const migrated = migrate(raw as SnapshotJson);
  const collections: Collections = new Map();
  for (const name in migrated.collections) {
    const entries = migrated.collections[name];
    const map = new Map<string, unknown>();
    // A for-in loop builds the map without the pair arrays Object.entries would allocate for 100k records.
    for (const key in entries) map.set(key, entries[key]);
    collections.set(name, map);
  }
  return { schemaVersion: migrated.schemaVersion, seq: migrated.seq, collections };
}

export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly movedAside?: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/**
 * The compacted state, kept by lowdb in one compact JSON file. lowdb (through steno) writes a
 * temporary file and renames it, so a crash never leaves half a snapshot; we add the fsync it lacks.
 */
export class SnapshotFile {
  private readonly db: Low<Snapshot>;

  constructor(readonly file: string) {
    this.db = new Low<Snapshot>(new DataFile<Snapshot>(file, { parse: fromJson, stringify: toJson }), { schemaVersion: SCHEMA_VERSION, seq: 0, collections: new Map() });
  }

  /**
   * Reads the snapshot. A damaged file is moved aside (never deleted or overwritten) and the caller
   * is told where, so the owner can be shown and support can recover it.
   */
  async read(): Promise<{ snapshot: Snapshot; damaged?: { reason: string; movedAside: string } }> {
    try {
      await this.db.read();
      return { snapshot: this.db.data };
    } catch (error) {
      if (error instanceof TooNewError) throw error;
      const movedAside = `${this.file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.file, movedAside);
      this.db.data = { schemaVersion: SCHEMA_VERSION, seq: 0, collections: new Map() };
      return { snapshot: this.db.data, damaged: { reason: (error as Error).message, movedAside } };
    }
  }

  /**
   * Starts writing `snapshot`. The JSON text is made before this returns, so the snapshot is the
   * state at this instant even while later changes go on.
   */
  write(snapshot: Snapshot): Promise<void> {
    this.db.data = snapshot;
    const written = this.db.write();
    return written.then(() => syncFile(this.file)).then(() => syncDir(path.dirname(this.file)));
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames and deletions in a folder durable. Windows cannot open folders; NTFS journals metadata. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
