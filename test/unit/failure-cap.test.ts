import { afterEach, expect, it } from 'vitest';
import { Store, Tx } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredFailure } from '../../electron/core/store/schema.js';
import type { ActivityRow, YespoClient } from '../../electron/core/yespo/client.js';
import { readDeliveryFailures } from '../../electron/core/yespo/activity.js';
import { capFailures, FAILURES_DROPPED_KEY, oldestBeyond } from '../../electron/core/yespo/failure-cap.js';
import { createLogger } from '../../electron/core/log.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scratch(): Promise<Store> {
  const t = tempDir();
  cleanups.push(t.remove);
  const store = await Store.open(t.dir);
  cleanups.push(() => store.close());
  return store;
}

const failure = (n: number, cause: StoredFailure['cause'] = 'yespo-undelivered'): StoredFailure => ({ id: `f${n}`, botId: 1, cause, at: n * 1_000, chatId: n });

it('picks the oldest beyond the limit, none within it', () => {
  const list = [failure(5), failure(1), failure(3), failure(2)];
  expect(oldestBeyond(list, 4)).toEqual([]);
  expect(oldestBeyond(list, 2).map((f) => f.id)).toEqual(['f1', 'f2']);
});

it('keeps the newest failures, dropping the oldest with the ones added, and counts what it dropped per cause', async () => {
  const store = await scratch();
  const first = new Tx();
  for (const f of [failure(1, 'reply-refused'), failure(2), failure(3)]) first.put(COLLECTIONS.failures, f.id, f);
  await store.commit(first);

  const tx = new Tx();
  const added = [failure(4), failure(5), failure(0)];
  for (const f of added) tx.put(COLLECTIONS.failures, f.id, f);
  capFailures(tx, store, added, 3);
  await store.commit(tx);
  expect([...store.collection<StoredFailure>(COLLECTIONS.failures).keys()].sort()).toEqual(['f3', 'f4', 'f5']);
  expect(store.get(COLLECTIONS.meta, FAILURES_DROPPED_KEY)).toEqual({ 'reply-refused': 1, 'yespo-undelivered': 2 });
});

it('counts a failure stored again as no new one', async () => {
  const store = await scratch();
  const tx = new Tx();
  for (const f of [failure(1), failure(2)]) tx.put(COLLECTIONS.failures, f.id, f);
  await store.commit(tx);
  const again = new Tx().put(COLLECTIONS.failures, 'f2', failure(2));
  capFailures(again, store, [failure(2)], 2);
  await store.commit(again);
  expect(store.collection(COLLECTIONS.failures).size).toBe(2);
  expect(store.get(COLLECTIONS.meta, FAILURES_DROPPED_KEY)).toBeUndefined();
});

it("Yespo's undelivered reports stay within the limit, the newest kept", async () => {
  const store = await scratch();
  const subscriber = { botId: 1, chatId: 7, firstName: 'Olha', state: 'active', firstStartAt: 0, lastStartAt: 0, yespo: { state: 'synced' }, tokenInYespo: true, pushed: { externalCustomerId: 'tg-7', at: 0 } };
  await store.commit(new Tx().put(COLLECTIONS.subscribers, '1:7', subscriber));
  const rows: ActivityRow[] = Array.from({ length: 30 }, (_, i) => ({
    offset: `o${i}`,
    mediaType: 'telegrambot',
    externalCustomerId: 'tg-7',
    activityDateTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    statusDescription: 'Bad Request: chat not found',
  }));
  const client = { undelivered: async ({ offset }: { offset?: string }) => (offset ? [] : rows) } as unknown as YespoClient;
  await readDeliveryFailures({ store, client, now: () => Date.UTC(2026, 0, 2), logger: createLogger(), commit: (tx) => store.commit(tx), failuresLimit: 10 });
  const kept = [...store.collection<StoredFailure>(COLLECTIONS.failures).values()].map((f) => f.id).sort();
  expect(kept).toEqual(Array.from({ length: 10 }, (_, i) => `undelivered:o${20 + i}`).sort());
  expect(store.get(COLLECTIONS.meta, FAILURES_DROPPED_KEY)).toEqual({ 'yespo-undelivered': 20 });
});
