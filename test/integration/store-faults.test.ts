import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listJournals, parseJournal } from '../../electron/core/store/journal.js';
import { Store, StoreWriteError, Tx } from '../../electron/core/store/store.js';
import { COLLECTIONS, recordIsReadable } from '../../electron/core/store/schema.js';
import { smallTmpfs } from '../support/mounts.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

function subscriberRecord(chatId: number, pad = 0): Record<string, unknown> {
  return { botId: 1, chatId, state: 'active', yespo: { state: 'pending' }, firstName: 'x'.repeat(pad) };
}

function batch(from: number, count: number, pad: number): Tx {
  const tx = new Tx();
  for (let i = from; i < from + count; i++) tx.put(COLLECTIONS.subscribers, `1:${i}`, subscriberRecord(i, pad));
  return tx;
}

describe('a full disk', () => {
  const disk = smallTmpfs(256);
  if (disk) cleanups.push(disk.remove);
  it.skipIf(!disk)('keeps only whole batches on disk, refuses the one that did not fit, and saves it once there is room', async () => {
    const dir = path.join(disk!.dir, 'store');
    const store = await Store.open(dir);
    await store.commit(batch(0, 10, 100));
    // Ballast leaves room for a part of the next batch only: the write is cut short.
    const ballast = path.join(disk!.dir, 'ballast');
    const free = (await fs.statfs(disk!.dir)).bavail * (await fs.statfs(disk!.dir)).bsize;
    await fs.writeFile(ballast, Buffer.alloc(free - 16 * 1024));
    await expect(store.commit(batch(10, 100, 1_000))).rejects.toBeInstanceOf(StoreWriteError);
    expect(store.health.state).toBe('write-failed');
    await expect(store.durable()).rejects.toBeInstanceOf(StoreWriteError);

    // On disk: exactly the first batch, no torn or zero-filled tail.
    const [journal] = await listJournals(dir);
    const text = await fs.readFile(journal.file, 'utf8');
    expect(text.includes('\u0000')).toBe(false);
    const parsed = parseJournal(text);
    expect(parsed).toMatchObject({ tornTail: false, badLines: [] });
    expect(parsed.ops).toHaveLength(10);

    await fs.rm(ballast);
    await store.durable();
    expect(store.health.state).toBe('ok');
    await store.close();
    const again = await Store.open(dir);
    expect(again.collection(COLLECTIONS.subscribers).size).toBe(110);
    expect(again.health.state).toBe('ok');
    await again.close();
  });
});

describe('durable', () => {
  it('waits for the changes committed before it, not for later ones, and rejects while the disk refuses', async () => {
    let full = false;
    const store = await Store.open(folder(), { beforeWrite: () => { if (full) throw new Error('ENOSPC: no space left on device'); } });
    full = true;
    await expect(store.commit(batch(0, 1, 0))).rejects.toBeInstanceOf(StoreWriteError);
    await expect(store.durable()).rejects.toBeInstanceOf(StoreWriteError);
    full = false;
    await store.durable();
    expect(store.health.state).toBe('ok');
    await store.close();
  });
});

describe('damage beyond a torn last batch', () => {
  async function writeBatches(dir: string, count: number): Promise<string> {
    const store = await Store.open(dir);
    for (let i = 0; i < count; i++) await store.commit(batch(i * 10, 10, 50));
    await store.close();
    const [journal] = await listJournals(dir);
    return journal.file;
  }

  it('reports a journal cut short, with a copy kept, instead of starting as if all were well', async () => {
    const dir = folder();
    const file = await writeBatches(dir, 10);
    const size = statSync(file).size;
    await fs.truncate(file, Math.floor(size * 0.6));
    const store = await Store.open(dir);
    expect(store.health.state).toBe('recovered');
    expect(store.health.detail).toMatch(/cut short/);
    expect(store.health.movedAside).toBeDefined();
    expect(statSync(store.health.movedAside!).size).toBe(Math.floor(size * 0.6));
    await store.close();
  });

  it('still drops a torn last batch quietly', async () => {
    const dir = folder();
    const file = await writeBatches(dir, 3);
    await fs.appendFile(file, '{"s":99,"c":"subscribers","k":"1:999","v":{}}\n{"s":100,"c":"subs');
    const store = await Store.open(dir);
    expect(store.health.state).toBe('ok');
    expect(store.collection(COLLECTIONS.subscribers).size).toBe(30);
    await store.close();
  });

  it('quarantines an unreadable record instead of failing to start, and keeps it', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    await store.commit(batch(0, 3, 0));
    await store.compact();
    await store.close();
    const snapshot = path.join(dir, 'data.json');
    const json = JSON.parse(await fs.readFile(snapshot, 'utf8'));
    json.collections.subscribers['1:1'] = null;
    json.collections.subscribers['1:2'] = { botId: 1, chatId: 'two' };
    await fs.writeFile(snapshot, JSON.stringify(json));

    const again = await Store.open(dir, { checkRecord: recordIsReadable });
    expect(again.health).toMatchObject({ state: 'recovered', quarantined: 2 });
    expect([...again.collection(COLLECTIONS.subscribers).keys()]).toEqual(['1:0']);
    const kept = (await fs.readFile(again.health.movedAside!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(kept).toEqual([
      { c: 'subscribers', k: '1:1', v: null },
      { c: 'subscribers', k: '1:2', v: { botId: 1, chatId: 'two' } },
    ]);
    await again.close();
  });
});

describe('file permissions', () => {
  it.skipIf(process.platform === 'win32')('keeps the data folder and its files to their owner, also ones written before', async () => {
    const dir = path.join(folder(), 'store');
    await fs.mkdir(dir, { mode: 0o755 });
    await fs.writeFile(path.join(dir, 'data.json'), JSON.stringify({ schemaVersion: 1, seq: 0, collections: {} }), { mode: 0o644 });
    const store = await Store.open(dir);
    await store.commit(batch(0, 1, 0));
    await store.compact();
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of await fs.readdir(dir)) expect(statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
  });
});
