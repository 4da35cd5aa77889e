import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE } from './private-files.js';
import type { Collections } from './snapshot.js';

/** Whether a loaded record has the shape its collection needs; collections without a rule pass. */
export type RecordCheck = (collection: string, value: unknown) => boolean;

/**
 * Takes the records that fail `check` out of the loaded data and keeps them, one JSON line each,
 * in a quarantine file beside the data: one bad record must not stop the app, and none is thrown
 * away. Returns null when every record is readable.
 */
export async function quarantine(dir: string, data: Collections, check: RecordCheck): Promise<{ count: number; file: string } | null> {
  const bad: Array<{ c: string; k: string; v: unknown }> = [];
  for (const [collection, records] of data) {
    for (const [key, value] of records) {
      if (!check(collection, value)) bad.push({ c: collection, k: key, v: value });
    }
  }
  if (bad.length === 0) return null;
  const file = path.join(dir, `quarantine-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  await fs.writeFile(file, bad.map((b) => JSON.stringify(b)).join('\n') + '\n', { mode: PRIVATE_FILE, flag: 'a' });
  for (const b of bad) data.get(b.c)?.delete(b.k);
  return { count: bad.length, file };
}
