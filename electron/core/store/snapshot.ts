import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { PRIVATE_FILE } from './private-files.js';
import { migrate, SCHEMA_VERSION, TooNewError, type SnapshotJson } from './migrations.js';

export type Collections = Map<string, Map<string, unknown>>;

export interface Snapshot {
  schemaVersion: number;
  /** The last journal sequence number this snapshot holds. */
  seq: number;
  collections: Collections;
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

/** Text is handed to the disk in pieces of about this size, and the event loop runs in between. */
const CHUNK = 1 << 20;

/**
 * lowdb's adapter for the snapshot: it reads like DataFile, and writes without blocking. Records
 * are never changed in place (the store replaces them), so copying each collection's entries when
 * the write starts fixes the state at that instant; the JSON is then made and written piece by
 * piece to a temporary file that is fsynced and renamed, so a crash never leaves half a snapshot.
 */
class SnapshotAdapter implements Adapter<Snapshot> {
  constructor(private readonly file: string) {}

  async read(): Promise<Snapshot | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return fromJson(text);
  }

  write(snapshot: Snapshot): Promise<void> {
    const frozen = [...snapshot.collections].map(([name, map]) => [name, Array.from(map)] as const);
    return this.writeFrozen(snapshot.schemaVersion, snapshot.seq, frozen);
  }

  private async writeFrozen(schemaVersion: number, seq: number, collections: ReadonlyArray<readonly [string, Array<[string, unknown]>]>): Promise<void> {
    const temp = `${this.file}.tmp`;
    const handle = await fs.open(temp, 'w', PRIVATE_FILE);
    try {
      let text = `{"schemaVersion":${schemaVersion},"seq":${seq},"collections":{`;
      let firstCollection = true;
      for (const [name, entries] of collections) {
        text += `${firstCollection ? '' : ','}${JSON.stringify(name)}:{`;
        firstCollection = false;
        let first = true;
        for (const [key, value] of entries) {
          if (value === undefined) continue;
          text += `${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`;
          first = false;
          if (text.length >= CHUNK) {
            await handle.write(text);
            text = '';
          }
        }
        text += '}';
      }
      await handle.write(`${text}}}`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
    await syncDir(path.dirname(this.file));
  }
}

/** The compacted state, kept by lowdb in one compact JSON file. */
export class SnapshotFile {
  private readonly db: Low<Snapshot>;

  constructor(readonly file: string) {
    this.db = new Low<Snapshot>(new SnapshotAdapter(file), { schemaVersion: SCHEMA_VERSION, seq: 0, collections: new Map() });
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
   * Starts writing `snapshot`: its records are taken before this returns, so the snapshot is the
   * state at this instant even while later changes go on. Resolves once it is durable.
   */
  write(snapshot: Snapshot): Promise<void> {
    this.db.data = snapshot;
    return this.db.write();
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
