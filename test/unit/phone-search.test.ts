import { describe, expect, it } from 'vitest';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { phoneMatches, phoneSearch } from '../../electron/core/subscribers/phone-search.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();

describe('phoneSearch', () => {
  it('reads a query typed like a phone number as its digits, with and without the trunk or international zeros', () => {
    expect(phoneSearch('+38 (050) 111-22-33')).toEqual(['380501112233']);
    expect(phoneSearch('0501112233')).toEqual(['0501112233', '501112233']);
    expect(phoneSearch('00380501112233')).toEqual(['00380501112233', '380501112233']);
    expect(phoneSearch('050 111')).toEqual(['050111', '50111']);
  });

  it('leaves words, emails, usernames and too few digits to the plain search', () => {
    expect(phoneSearch('Olena')).toBeNull();
    expect(phoneSearch('olena@example.com')).toBeNull();
    expect(phoneSearch('@olena_k')).toBeNull();
    expect(phoneSearch('05')).toBeNull();
    expect(phoneSearch('000')).toBeNull();
    expect(phoneSearch('')).toBeNull();
  });

  it('matches a stored phone that holds any of the readings', () => {
    expect(phoneMatches('380501112233', phoneSearch('0501112233')!)).toBe(true);
    expect(phoneMatches('447700900123', phoneSearch('07700 900123')!)).toBe(true);
    expect(phoneMatches('380501112233', phoneSearch('0671112233')!)).toBe(false);
    expect(phoneMatches('', phoneSearch('0501112233')!)).toBe(false);
  });
});

describe('searching subscribers by phone', () => {
  it('finds the subscriber however the number is typed, and only them', async () => {
    const store = await openStore();
    const people: StoredSubscriber[] = [
      { botId: 1, chatId: 501112233, firstName: 'Chat id look-alike', state: 'active', firstStartAt: 1, lastStartAt: 1, yespo: { state: 'pending' }, tokenInYespo: false },
      { botId: 1, chatId: 2, firstName: 'Olena', phone: '380501112233', state: 'active', firstStartAt: 2, lastStartAt: 2, yespo: { state: 'pending' }, tokenInYespo: false },
      { botId: 1, chatId: 3, firstName: 'Taras', phone: '380671112233', state: 'active', firstStartAt: 3, lastStartAt: 3, yespo: { state: 'pending' }, tokenInYespo: false },
    ];
    const tx = store.tx();
    for (const p of people) tx.put(COLLECTIONS.subscribers, subscriberKey(p.botId, p.chatId), p);
    await store.commit(tx);
    const index = new SubscriberIndex(store);
    const found = (search: string) => querySubscribers(index, 1, { search }, 'tg-').rows.map((r) => r.chatId).sort();

    for (const typed of ['+38 (050) 111-22-33', '0501112233', '380501112233', '+380 50 111 22 33', '050-111-22-33']) {
      expect(found(typed), typed).toContain(2);
      expect(found(typed), typed).not.toContain(3);
    }
    expect(found('+38 (050) 111-22-33')).toEqual([2]);
    expect(found('Olena')).toEqual([2]);
  });
});
