import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { kthSmallest, smallest, smallestByKey } from '../../electron/core/subscribers/top-k.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();

function subscriber(chatId: number, firstStartAt: number, extra: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return { botId: 1, chatId, firstName: `Name${chatId % 7}`, state: 'active', firstStartAt, lastStartAt: firstStartAt, yespo: { state: 'pending' }, tokenInYespo: false, ...extra };
}

describe('top-k selection', () => {
  it('both selections equal a full sort, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }), fc.integer({ min: 0, max: 120 }), (values, k) => {
        const items = values.map((v, i) => ({ v, i }));
        const cmp = (a: { v: number; i: number }, b: { v: number; i: number }): number => a.v - b.v || a.i - b.i;
        const expected = [...items].sort(cmp).slice(0, k);
        expect(smallest(items, k, cmp)).toEqual(expected);
        expect(smallestByKey(items, k, (x) => x.v, cmp)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('kthSmallest is the value a sort puts at that index', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 300 }), fc.nat(), (values, n) => {
        const at = n % values.length;
        expect(kthSmallest(Float64Array.from(values), at)).toBe([...values].sort((a, b) => a - b)[at]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the subscriber index', () => {
  it('follows every change the store commits, and queries answer as over the store itself', async () => {
    const store = await openStore();
    const index = new SubscriberIndex(store);
    const tx = store.tx();
    for (let i = 1; i <= 30; i++) tx.put(COLLECTIONS.subscribers, subscriberKey(1, i), subscriber(i, 1_000 + i));
    await store.commit(tx);
    // Built now, then kept current by the change events.
    expect(querySubscribers(index, 1, { limit: 100 }, 'tg-').total).toBe(30);

    const next = store.tx();
    next.delete(COLLECTIONS.subscribers, subscriberKey(1, 3));
    next.delete(COLLECTIONS.subscribers, subscriberKey(1, 30));
    next.put(COLLECTIONS.subscribers, subscriberKey(1, 31), subscriber(31, 5, { firstName: 'Olena' }));
    next.patch<StoredSubscriber>(store, COLLECTIONS.subscribers, subscriberKey(1, 7), { state: 'blocked', firstName: 'Olesya' });
    await store.commit(next);

    const all = querySubscribers(index, 1, { sort: 'firstStartAt', dir: 'asc', limit: 100 }, 'tg-');
    expect(all.total).toBe(29);
    expect(all.rows.map((r) => r.chatId)).toEqual([31, ...Array.from({ length: 29 }, (_, i) => i + 1).filter((id) => id !== 3 && id !== 30)]);
    expect(querySubscribers(index, 1, { search: 'ole', limit: 10 }, 'tg-').rows.map((r) => r.chatId).sort()).toEqual([31, 7]);
    expect(querySubscribers(index, 1, { state: 'blocked' }, 'tg-').rows.map((r) => r.chatId)).toEqual([7]);
    expect(querySubscribers(index, 1, { sort: 'name', dir: 'asc', limit: 2 }, 'tg-').rows.map((r) => r.firstName)).toEqual(['Name0', 'Name0']);
  });
});

describe('sorting', () => {
  it('breaks ties by chat id in the chosen direction, so a reversed order is the exact reverse', async () => {
    const store = await openStore();
    const index = new SubscriberIndex(store);
    const tx = store.tx();
    // The same second for all, and names that tie in pairs.
    for (const chatId of [5, 2, 9, 1, 8]) tx.put(COLLECTIONS.subscribers, subscriberKey(1, chatId), subscriber(chatId, 1_000, { firstName: chatId % 2 ? 'Same' : 'Other' }));
    await store.commit(tx);
    for (const sort of ['firstStartAt', 'lastStartAt', 'name'] as const) {
      const asc = querySubscribers(index, 1, { sort, dir: 'asc' }, 'tg-').rows.map((r) => r.chatId);
      const desc = querySubscribers(index, 1, { sort, dir: 'desc' }, 'tg-').rows.map((r) => r.chatId);
      expect(desc, sort).toEqual([...asc].reverse());
    }
    expect(querySubscribers(index, 1, { sort: 'firstStartAt', dir: 'desc' }, 'tg-').rows.map((r) => r.chatId)).toEqual([9, 8, 5, 2, 1]);
  });
});
