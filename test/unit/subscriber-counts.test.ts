import { describe, expect, it } from 'vitest';
import { SubscriberCounts } from '../../electron/core/subscribers/counts.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { subscriberStats } from '../../electron/core/subscribers/query.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();

function sub(botId: number, chatId: number, over: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return { botId, chatId, firstName: 'A', state: 'active', firstStartAt: Date.now(), lastStartAt: Date.now(), yespo: { state: 'pending' }, tokenInYespo: false, ...over };
}

describe('subscriber counters', () => {
  it('follow puts, patches and deletes exactly as a full count would', async () => {
    const store = await openStore();
    const counter = new SubscriberCounts(store, Date.now);
    const tx = store.tx();
    for (let i = 0; i < 50; i++) tx.put(COLLECTIONS.subscribers, subscriberKey(1, i), sub(1, i, { firstStartAt: i < 10 ? Date.now() - 30 * 86_400_000 : Date.now() }));
    tx.put(COLLECTIONS.subscribers, subscriberKey(2, 1), sub(2, 1));
    await store.commit(tx);
    expect(counter.get(1)).toEqual(subscriberStats(store, 1, Date.now()).counts);

    const change = store.tx();
    for (let i = 0; i < 20; i++) change.patch<StoredSubscriber>(store, COLLECTIONS.subscribers, subscriberKey(1, i), { tokenInYespo: true, yespo: { state: 'synced' } });
    change.patch<StoredSubscriber>(store, COLLECTIONS.subscribers, subscriberKey(1, 5), { state: 'blocked', tokenInYespo: false });
    change.put(COLLECTIONS.subscribers, subscriberKey(1, 6), sub(1, 6, { state: 'deleted' }));
    change.delete(COLLECTIONS.subscribers, subscriberKey(1, 7));
    change.put(COLLECTIONS.subscribers, subscriberKey(2, 2), sub(2, 2));
    await store.commit(change);
    const full = subscriberStats(store, 1, Date.now()).counts;
    expect(counter.get(1)).toEqual(full);
    expect(full).toMatchObject({ subscribers: 49, blocked: 1, deleted: 1, inYespo: 17, newThisWeek: 41 });
  });
});
