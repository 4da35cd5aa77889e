import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/contract/dispatch.js';
import type { EngineApi } from '../../electron/core/contract/api.js';
import { signPayload } from '../../electron/core/links/signing.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { IMPORT_SOURCE } from '../../electron/core/subscribers/import-subscribers.js';
import { joinedWithin, sourceMatches } from '../../electron/core/subscribers/query-predicates.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { sourceCounts } from '../../electron/core/subscribers/subscriber-sources.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();
const DAY = 86_400_000;
const signed = { kind: 'externalCustomerId' as const, value: 'crm-7' };
// A signed payload as the bot receives it; the query never checks the signature, only whom it names.
const signedPayload = signPayload('k'.repeat(32), 'externalCustomerId', 'crm-7')!;

function subscriber(chatId: number, firstStartAt: number, extra: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return { botId: 1, chatId, firstName: `N${chatId}`, state: 'active', firstStartAt, lastStartAt: firstStartAt, yespo: { state: 'synced' }, tokenInYespo: true, ...extra };
}

/** Chat ids 1–8: tags, a signed link (its payload as the stored source), an import, and no source. */
const PEOPLE: StoredSubscriber[] = [
  subscriber(1, 1 * DAY, { source: 'instagram' }),
  subscriber(2, 2 * DAY, { source: 'instagram' }),
  subscriber(3, 3 * DAY, { source: 'flyer' }),
  subscriber(4, 4 * DAY, { source: signedPayload, signedIdentity: signed }),
  subscriber(5, 5 * DAY),
  subscriber(6, 6 * DAY, { source: IMPORT_SOURCE, signedIdentity: signed }),
  subscriber(7, 7 * DAY),
  subscriber(8, 8 * DAY, { source: 'instagram', botId: 2 }),
];

async function indexed(): Promise<SubscriberIndex> {
  const store = await openStore();
  const tx = store.tx();
  for (const s of PEOPLE) tx.put(COLLECTIONS.subscribers, subscriberKey(s.botId, s.chatId), s);
  await store.commit(tx);
  return new SubscriberIndex(store);
}

const ids = (page: { rows: Array<{ chatId: number }> }): number[] => page.rows.map((r) => r.chatId);

describe('query predicates', () => {
  it('match a source as the table shows it: a signed payload is not a tag, an import is a tag', () => {
    expect(sourceMatches(PEOPLE[0], { kind: 'tag', tag: 'instagram' })).toBe(true);
    expect(sourceMatches(PEOPLE[0], { kind: 'tag', tag: 'Instagram' })).toBe(false);
    expect(sourceMatches(PEOPLE[3], { kind: 'signed' })).toBe(true);
    expect(sourceMatches(PEOPLE[3], { kind: 'tag', tag: signedPayload })).toBe(false);
    expect(sourceMatches(PEOPLE[3], { kind: 'none' })).toBe(false);
    expect(sourceMatches(PEOPLE[5], { kind: 'signed' })).toBe(false);
    expect(sourceMatches(PEOPLE[5], { kind: 'tag', tag: IMPORT_SOURCE })).toBe(true);
    expect(sourceMatches(PEOPLE[4], { kind: 'none' })).toBe(true);
  });

  it('take a joined range as [from, to) with either end open', () => {
    expect(joinedWithin(5, 5, 6)).toBe(true);
    expect(joinedWithin(6, 5, 6)).toBe(false);
    expect(joinedWithin(4, 5, undefined)).toBe(false);
    expect(joinedWithin(4, undefined, 5)).toBe(true);
    expect(joinedWithin(4, undefined, undefined)).toBe(true);
  });
});

describe('querySubscribers with source and date filters', () => {
  it('narrows rows and total by source, of the current bot only', async () => {
    const index = await indexed();
    const q = (source: NonNullable<Parameters<typeof querySubscribers>[2]['source']>) => querySubscribers(index, 1, { source, sort: 'firstStartAt', dir: 'asc' }, 'tg-');
    expect(q({ kind: 'tag', tag: 'instagram' })).toMatchObject({ total: 2 });
    expect(ids(q({ kind: 'tag', tag: 'instagram' }))).toEqual([1, 2]);
    expect(ids(q({ kind: 'signed' }))).toEqual([4]);
    expect(ids(q({ kind: 'none' }))).toEqual([5, 7]);
    expect(q({ kind: 'tag', tag: 'nowhere' }).total).toBe(0);
  });

  it('narrows by the day joined, combined with the other filters and the sort', async () => {
    const index = await indexed();
    const page = querySubscribers(index, 1, { joinedFrom: 2 * DAY, joinedTo: 6 * DAY, sort: 'firstStartAt', dir: 'desc' }, 'tg-');
    expect(page.total).toBe(4);
    expect(ids(page)).toEqual([5, 4, 3, 2]);
    expect(ids(querySubscribers(index, 1, { joinedFrom: 2 * DAY, source: { kind: 'tag', tag: 'instagram' } }, 'tg-'))).toEqual([2]);
  });

  it('sorts by last start with ties broken by chat id in the chosen direction', async () => {
    const store = await openStore();
    const tx = store.tx();
    for (const [chatId, last] of [[1, 50], [2, 70], [3, 50], [4, 10]]) tx.put(COLLECTIONS.subscribers, subscriberKey(1, chatId), subscriber(chatId, 1, { lastStartAt: last }));
    await store.commit(tx);
    const index = new SubscriberIndex(store);
    expect(ids(querySubscribers(index, 1, { sort: 'lastStartAt', dir: 'asc' }, 'tg-'))).toEqual([4, 1, 3, 2]);
    expect(ids(querySubscribers(index, 1, { sort: 'lastStartAt', dir: 'desc' }, 'tg-'))).toEqual([2, 3, 1, 4]);
  });
});

describe('the source filter’s options', () => {
  it('counts every tag (the most common first), signed links and no source, of one bot', async () => {
    const index = await indexed();
    expect(sourceCounts(index.all(), 1)).toEqual({
      tags: [
        { tag: 'instagram', count: 2 },
        { tag: 'flyer', count: 1 },
        { tag: IMPORT_SOURCE, count: 1 },
      ],
      signed: 1,
      none: 2,
    });
  });
});

describe('the bridge refuses a bad filter with a message saying what to send', () => {
  const api = {} as EngineApi;
  it.each([
    [{ source: { kind: 'tag' } }, 'source.tag: Give the tag as 1 to 64 characters'],
    [{ source: { kind: 'tag', tag: '' } }, 'source.tag: Give the tag as 1 to 64 characters'],
    [{ source: { kind: 'website' } }, 'source.kind: Choose a source kind: none, signed or tag'],
    [{ joinedFrom: -1 }, 'joinedFrom: Give the time as a whole number of milliseconds since 1970'],
    [{ joinedTo: 1.5 }, 'joinedTo: Give the time as a whole number of milliseconds since 1970'],
    [{ joinedFrom: 10, joinedTo: 5 }, 'joinedTo: The end of the date range is before its start: swap the two dates'],
  ])('%j', async (args, said) => {
    const answer = await dispatch(api, 'querySubscribers', args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: `querySubscribers: ${said}` } });
  });

  it('lists sources without arguments only', async () => {
    expect(await dispatch(api, 'listSubscriberSources', { botId: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
