import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJournal } from '../../electron/core/store/journal.js';
import { migrate, SCHEMA_VERSION, TooNewError } from '../../electron/core/store/migrations.js';
import { Store, StoreWriteError, Tx } from '../../electron/core/store/store.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void> = [];
function folder(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('store', () => {
  it('keeps committed changes across a reopen, without a compaction in between', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    await store.commit(new Tx().put('subscribers', '1:10', { name: 'Olena' }).append('events', '1:10', { type: 'started' }));
    await store.commit(new Tx().put('subscribers', '1:11', { name: 'Andriy' }).delete('subscribers', '1:10'));
    // No close: as after a crash, only the journal holds the changes.
    const again = await Store.open(dir);
    expect(again.get('subscribers', '1:11')).toEqual({ name: 'Andriy' });
    expect(again.get('subscribers', '1:10')).toBeUndefined();
    expect(again.get('events', '1:10')).toEqual([{ type: 'started' }]);
    expect(again.health.state).toBe('ok');
    await store.close();
    await again.close();
  });

  it('holds in memory exactly what it wrote: a field left undefined is no field, as on disk and after a reopen', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    const record = { name: 'Olena', lastName: undefined, yespo: { state: 'pending', error: undefined }, tags: ['a', undefined] };
    await store.commit(new Tx().put('subscribers', '1:10', record).append('events', '1:10', { type: 'started', detail: undefined }));
    await store.commit(new Tx().patch(store, 'subscribers', '1:10', { source: undefined, firstName: 'O' }));
    const again = await Store.open(dir);
    for (const s of [store, again]) {
      const held = s.get<Record<string, unknown>>('subscribers', '1:10')!;
      expect(Object.keys(held).sort()).toEqual(['firstName', 'name', 'tags', 'yespo']);
      expect(Object.keys(held.yespo as object)).toEqual(['state']);
      expect(Object.keys(s.get<Array<Record<string, unknown>>>('events', '1:10')![0])).toEqual(['type']);
    }
    // Arrays keep their length, as JSON writes a hole as null.
    expect(again.get<Record<string, unknown>>('subscribers', '1:10')!.tags).toEqual(['a', null]);
    await store.close();
    await again.close();
  });

  it('drops a batch cut short by a crash, whole', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    await store.commit(new Tx().put('subscribers', 'a', 1));
    await store.close();
    const [journal] = (await fs.readdir(dir)).filter((n) => n.startsWith('journal-') && n.endsWith('.jsonl'));
    await fs.appendFile(path.join(dir, journal), '{"s":99,"c":"subscribers","k":"b","v":2}\n{"s":100,"c":"subs');
    const again = await Store.open(dir);
    expect(again.get('subscribers', 'a')).toBe(1);
    expect(again.get('subscribers', 'b')).toBeUndefined();
    expect(again.health.state).toBe('ok');
    await again.close();
  });

  it('moves a damaged data file aside and says so, keeping the journal’s changes', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    await store.commit(new Tx().put('subscribers', 'a', 1));
    await store.compact();
    await store.commit(new Tx().put('subscribers', 'b', 2));
    await fs.writeFile(path.join(dir, 'data.json'), '{"schemaVersion":1,"seq":');
    const again = await Store.open(dir);
    expect(again.health.state).toBe('recovered');
    expect(again.health.movedAside).toMatch(/data\.json\.damaged-/);
    expect(await fs.readFile(again.health.movedAside!, 'utf8')).toBe('{"schemaVersion":1,"seq":');
    expect(again.get('subscribers', 'b')).toBe(2);
    await store.close();
    await again.close();
  });

  it('refuses a data file from a newer version instead of overwriting it', async () => {
    const dir = folder();
    await fs.writeFile(path.join(dir, 'data.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, seq: 0, collections: {} }));
    await expect(Store.open(dir)).rejects.toBeInstanceOf(TooNewError);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'data.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION + 1);
  });

  it('reports a failed write, keeps the change and writes it on the next try', async () => {
    const dir = folder();
    let failing = true;
    const store = await Store.open(dir, { beforeWrite: () => { if (failing) throw new Error('ENOSPC: no space left on device'); } });
    await expect(store.commit(new Tx().put('subscribers', 'a', 1))).rejects.toBeInstanceOf(StoreWriteError);
    expect(store.health).toMatchObject({ state: 'write-failed', detail: expect.stringContaining('ENOSPC') });
    failing = false;
    await store.commit(new Tx().put('subscribers', 'b', 2));
    expect(store.health.state).toBe('ok');
    const again = await Store.open(dir);
    expect(again.get('subscribers', 'a')).toBe(1);
    expect(again.get('subscribers', 'b')).toBe(2);
    await store.close();
    await again.close();
  });

  it('keeps every change when commits race a compaction', async () => {
    const dir = folder();
    const store = await Store.open(dir, { compactBytes: 2_000 });
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      commits.push(store.commit(new Tx().put('subscribers', `k${i}`, { i, pad: 'x'.repeat(50) })));
      if (i % 50 === 0) commits.push(store.compact());
    }
    await Promise.all(commits);
    const again = await Store.open(dir);
    expect(again.collection('subscribers').size).toBe(300);
    expect(again.get('subscribers', 'k299')).toMatchObject({ i: 299 });
    await store.close();
    await again.close();
    const journals = (await fs.readdir(dir)).filter((n) => n.startsWith('journal-') && n.endsWith('.jsonl'));
    expect(journals.length).toBeLessThanOrEqual(2);
  });

  it('replays a patch as a merge into the record, and writes only the patched fields', async () => {
    const dir = folder();
    const store = await Store.open(dir);
    await store.commit(new Tx().put('subscribers', 'a', { name: 'Olena', state: 'pending', pad: 'x'.repeat(500) }));
    const before = store.journalBytes();
    const tx = new Tx().patch(store, 'subscribers', 'a', { state: 'synced' }).patch(store, 'subscribers', 'missing', { state: 'synced' });
    expect(tx.read(store, 'subscribers', 'a')).toMatchObject({ name: 'Olena', state: 'synced' });
    await store.commit(tx);
    expect(store.journalBytes() - before).toBeLessThan(200);
    const again = await Store.open(dir);
    expect(again.get('subscribers', 'a')).toMatchObject({ name: 'Olena', state: 'synced' });
    expect(again.get('subscribers', 'missing')).toBeUndefined();
    await store.close();
    await again.close();
  });

  it('tells listeners which collections changed', async () => {
    const store = await Store.open(folder());
    const seen: string[][] = [];
    store.onChange((c) => seen.push([...c].sort()));
    await store.commit(new Tx().put('outbox', 'x', 1).put('subscribers', 'y', 2));
    expect(seen).toEqual([['outbox', 'subscribers']]);
    await store.close();
  });
});

describe('journal parsing', () => {
  it('reports a damaged line in the middle but not a torn tail', () => {
    const text = '{"s":1,"c":"a","k":"x","v":1}\n{"s":1,"c":"$commit","k":""}\ngarbage\n{"s":2,"c":"a","k":"y","v":2}\n{"s":2,"c":"$commit","k":""}\n{"s":3,"c":"a"';
    const parsed = parseJournal(text);
    expect(parsed.ops.map((o) => o.k)).toEqual(['x', 'y']);
    expect(parsed.badLines).toEqual([3]);
    expect(parsed.tornTail).toBe(true);
  });
});

describe('migrations', () => {
  it('passes current data through and rejects newer data', () => {
    const data = { schemaVersion: SCHEMA_VERSION, seq: 5, collections: { a: { b: 1 } } };
    expect(migrate(data)).toEqual(data);
    expect(() => migrate({ ...data, schemaVersion: SCHEMA_VERSION + 3 })).toThrow(TooNewError);
  });
});
