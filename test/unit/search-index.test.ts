import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubscriberQuery } from '../../electron/core/contract/types.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import type { Store } from '../../electron/core/store/store.js';
import { phoneMatches, phoneSearch } from '../../electron/core/subscribers/phone-search.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { NgramIndex, phoneDigitsOf, searchText } from '../../electron/core/subscribers/search-index.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();

// A small alphabet, so that random queries often hit random records: Latin, Cyrillic, digits, phone punctuation.
const CHARS = ['a', 'B', 'o', 'О', 'л', 'Л', 'і', '1', '0', '5', '3', '8', '+', '@', '_', ' ', '.', '-', '('];
const word = (min: number, max: number) => fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const digits = (min: number, max: number) => fc.array(fc.constantFrom('0', '3', '5', '8', '1'), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

const record = fc.record({
  botId: fc.constantFrom(1, 2),
  chatId: fc.integer({ min: 1, max: 40 }),
  firstName: word(0, 6),
  lastName: fc.option(word(1, 5), { nil: undefined }),
  username: fc.option(word(1, 5), { nil: undefined }),
  phone: fc.option(digits(3, 9), { nil: undefined }),
  email: fc.option(word(1, 4).map((w) => `${w}@x.ua`), { nil: undefined }),
  source: fc.option(word(1, 4), { nil: undefined }),
  state: fc.constantFrom('active', 'blocked', 'deleted', 'unsubscribed'),
  yespo: fc.constantFrom('pending', 'synced', 'failed'),
  firstStartAt: fc.integer({ min: 0, max: 20 }),
});

type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;

function stored(g: Generated): StoredSubscriber {
  return { ...g, lastStartAt: g.firstStartAt, yespo: { state: g.yespo }, tokenInYespo: false } as StoredSubscriber;
}

const step = fc.oneof(
  { arbitrary: fc.array(record, { minLength: 1, maxLength: 8 }).map((records) => ({ kind: 'put' as const, records })), weight: 3 },
  { arbitrary: fc.record({ botId: fc.constantFrom(1, 2), chatId: fc.integer({ min: 1, max: 40 }) }).map((k) => ({ kind: 'delete' as const, ...k })), weight: 1 },
);

const query = fc.record({
  search: fc.oneof(word(1, 1), word(2, 2), word(3, 5), digits(3, 6), digits(1, 3).map((d) => `+${d} ${d}`), word(1, 3).map((w) => ` @${w} `)),
  botId: fc.constantFrom(1, 2),
  state: fc.constantFrom('all', 'active', 'blocked'),
  yespo: fc.constantFrom('all', 'synced', 'pending'),
  dir: fc.constantFrom('asc', 'desc'),
});

/** The search by hand: every record read, nothing indexed. */
function bruteForce(store: Store, botId: number, q: SubscriberQuery): number[] {
  const search = q.search!.trim().toLocaleLowerCase().replace(/^@/, '');
  const readings = phoneSearch(search);
  const sign = q.dir === 'asc' ? 1 : -1;
  return [...store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()]
    .filter((s) => s.botId === botId && (q.state === 'all' || s.state === q.state) && (q.yespo === 'all' || s.yespo.state === q.yespo))
    .filter((s) => searchText(s).includes(search) || (readings !== null && phoneMatches(phoneDigitsOf(s), readings)))
    .sort((a, b) => sign * (a.firstStartAt - b.firstStartAt) || sign * (a.chatId - b.chatId))
    .map((s) => s.chatId);
}

describe('the search index', () => {
  it('finds exactly what a scan of every record finds, through edits and removals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, fc.array(query, { maxLength: 4 })), { minLength: 1, maxLength: 12 }), async (script) => {
        const store = await openStore();
        const index = new SubscriberIndex(store);
        for (const [change, queries] of script) {
          const tx = store.tx();
          if (change.kind === 'put') for (const r of change.records) tx.put(COLLECTIONS.subscribers, subscriberKey(r.botId, r.chatId), stored(r));
          else tx.delete(COLLECTIONS.subscribers, subscriberKey(change.botId, change.chatId));
          await store.commit(tx);
          for (const { botId, ...q } of queries) {
            const wanted: SubscriberQuery = { ...q, sort: 'firstStartAt', limit: 1000 };
            const page = querySubscribers(index, botId, wanted, 'tg-');
            const expected = bruteForce(store, botId, wanted);
            expect(page.rows.map((r) => r.chatId), JSON.stringify(wanted)).toEqual(expected);
            expect(page.total).toBe(expected.length);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a search reads only the records that may match, not all of them', async () => {
    const store = await openStore();
    const index = new SubscriberIndex(store);
    const tx = store.tx();
    for (let i = 1; i <= 5_000; i++) {
      const s: StoredSubscriber = { botId: 1, chatId: i, firstName: i % 1_000 ? `Seed${i}` : 'Олена', phone: i === 77 ? '380501112233' : undefined, state: 'active', firstStartAt: i, lastStartAt: i, yespo: { state: 'synced' }, tokenInYespo: true };
      tx.put(COLLECTIONS.subscribers, subscriberKey(1, i), s);
    }
    await store.commit(tx);
    expect(querySubscribers(index, 1, { search: 'олена' }, 'tg-').total).toBe(5);
    expect(index.searchCandidates('олена', null).length).toBeLessThan(50);
    expect(index.searchCandidates('ол', null).length).toBeLessThan(50);
    const phone = phoneSearch('050 111')!;
    expect(index.searchCandidates('050 111', phone).map((e) => e.s.chatId)).toContain(77);
    expect(index.searchCandidates('050 111', phone).length).toBeLessThan(50);
  });
});

describe('n-grams', () => {
  it('the candidates hold every item containing the needle, and never a retired one, across rebuilds', () => {
    fc.assert(
      fc.property(fc.array(word(0, 8), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 40 }), word(1, 4), (texts, retired, needle) => {
        const index = new NgramIndex<{ t: string; id: number }>((item) => item.t);
        const items = texts.map((t) => ({ t, id: -1 }));
        for (const item of items) item.id = index.add(item);
        const gone = new Set(items.length > 0 ? retired.map((n) => items[n % items.length]) : []);
        for (const item of gone) index.retire(item.id, (moved, id) => (moved.id = id));
        const found = new Set(index.candidates(needle));
        for (const item of items) {
          if (gone.has(item)) expect(found.has(item)).toBe(false);
          else if (item.t.includes(needle)) expect(found.has(item)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drops the retired ids once they outnumber the live ones, keeping every live item findable', () => {
    const index = new NgramIndex<{ t: string; id: number }>((item) => item.t);
    const items = Array.from({ length: 3_000 }, (_, i) => ({ t: `name${i}`, id: -1 }));
    for (const item of items) item.id = index.add(item);
    const renumbered: number[] = [];
    for (const item of items.slice(0, 2_500)) index.retire(item.id, (moved, id) => (renumbered.push(id), (moved.id = id)));
    expect(renumbered.length).toBeGreaterThan(0);
    expect(index.candidates('name2999')).toContain(items[2_999]);
    expect(index.candidates('name1').filter((item) => items.indexOf(item) < 2_500)).toEqual([]);
  });
});
