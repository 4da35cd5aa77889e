import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { listJournals } from '../../electron/core/store/journal.js';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS } from '../../electron/core/store/schema.js';
import { boundStoredList, HISTORY_LIMIT } from '../../electron/core/subscribers/history-cap.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(dir: string): Promise<Store> {
  const store = await Store.open(dir, { boundList: boundStoredList });
  cleanups.push(() => store.close());
  return store;
}

async function pressButtons(store: Store, key: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 100) {
    const tx = store.tx();
    for (let j = i; j < Math.min(count, i + 100); j++) tx.append(COLLECTIONS.events, key, { at: j + 1, type: 'button-pressed', detail: 'x'.repeat(200) });
    await store.commit(tx);
  }
}

async function bytesOnDisk(dir: string): Promise<number> {
  const names = await fs.readdir(dir);
  const sizes = await Promise.all(names.map((n) => fs.stat(path.join(dir, n)).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}

it('keeps a history to its bound in memory, after a replay of the journal and after a compaction, which shrinks the files', async () => {
  const t = tempDir();
  cleanups.push(t.remove);
  const store = await open(t.dir);
  await store.commit(store.tx().append(COLLECTIONS.events, '1:7', { at: 0, type: 'started', detail: 'flyer' }));
  await pressButtons(store, '1:7', 2_000);
  const expected = store.get<unknown[]>(COLLECTIONS.events, '1:7');
  expect(expected).toHaveLength(HISTORY_LIMIT);
  expect(expected?.[0]).toEqual({ at: 0, type: 'started', detail: 'flyer' });
  expect(expected?.at(-1)).toMatchObject({ at: 2_000 });
  await store.close();

  const replayed = await open(t.dir);
  expect(replayed.get(COLLECTIONS.events, '1:7')).toEqual(expected);
  const beforeCompaction = await bytesOnDisk(t.dir);
  await replayed.compact();
  await replayed.close();
  const afterCompaction = await bytesOnDisk(t.dir);
  // 2,001 events of ~260 bytes were journaled; the snapshot holds 200 of them.
  expect(afterCompaction).toBeLessThan(beforeCompaction / 5);
  expect((await listJournals(t.dir)).length).toBe(1);

  const compacted = await open(t.dir);
  expect(compacted.get(COLLECTIONS.events, '1:7')).toEqual(expected);
});
