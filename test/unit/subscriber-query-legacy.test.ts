import { describe, expect, it } from 'vitest';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();

/** A record as an older version stored it, straight from a Telegram update with odd field types. */
function legacy(chatId: number, fields: Record<string, unknown>): StoredSubscriber {
  return {
    botId: 1,
    chatId,
    firstName: 'x',
    state: 'active',
    firstStartAt: chatId,
    lastStartAt: chatId,
    yespo: { state: 'pending' },
    tokenInYespo: false,
    ...fields,
  } as StoredSubscriber;
}

describe('querySubscribers over records stored by older versions', () => {
  it('searches and sorts by name and username without throwing on names that are not strings', async () => {
    const store = await openStore();
    const records = [
      legacy(1, { firstName: { toString: 1 }, username: 42 }),
      legacy(2, { firstName: {}, lastName: ['Shevchenko'], username: { a: 1 } }),
      legacy(3, { firstName: null, lastName: 7, username: null }),
      legacy(4, { firstName: 'Olena', lastName: 'Koval', username: 'olena_k' }),
    ];
    const tx = store.tx();
    for (const r of records) tx.put(COLLECTIONS.subscribers, subscriberKey(r.botId, r.chatId), r);
    await store.commit(tx);
    const index = new SubscriberIndex(store);

    expect(querySubscribers(index, 1, { search: 'olena' }, 'tg-').rows.map((r) => r.chatId)).toEqual([4]);
    expect(querySubscribers(index, 1, { search: '@olena_k' }, 'tg-').rows.map((r) => r.chatId)).toEqual([4]);
    expect(querySubscribers(index, 1, { search: 'object' }, 'tg-').total).toBe(0);
    expect(querySubscribers(index, 1, { sort: 'name', dir: 'asc' }, 'tg-').rows.map((r) => r.chatId)).toEqual([1, 2, 3, 4]);
    expect(querySubscribers(index, 1, { sort: 'username', dir: 'asc' }, 'tg-').rows.map((r) => r.chatId)).toEqual([4, 1, 2, 3]);
  });
});
