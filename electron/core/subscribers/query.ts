import type { Stats, SubscriberPage, SubscriberQuery } from '../contract/types.js';
import type { Store } from '../store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../store/schema.js';
import { phoneMatches, phoneSearch } from './phone-search.js';
import { publicSubscriber } from './public.js';
import { joinedWithin, sourceMatches } from './query-predicates.js';
import { phoneDigitsOf, searchText, text } from './search-index.js';
import type { IndexEntry, SubscriberIndex } from './subscriber-index.js';
import { smallest, smallestByKey } from './top-k.js';

const DAY = 24 * 60 * 60_000;

function haystack(e: IndexEntry): string {
  e.hay ??= searchText(e.s);
  return e.hay;
}

function phoneDigits(e: IndexEntry): string {
  e.phone ??= phoneDigitsOf(e.s);
  return e.phone;
}

function nameKey(e: IndexEntry): string {
  e.name ??= `${text(e.s.firstName)} ${text(e.s.lastName)}`.trim().toLocaleLowerCase();
  return e.name;
}

export type Compare = (a: IndexEntry, b: IndexEntry) => number;

function comparator(sort: NonNullable<SubscriberQuery['sort']>, dir: 'asc' | 'desc'): Compare {
  const sign = dir === 'asc' ? 1 : -1;
  // Ties (the same second, the same name) break by chat id in the same direction, so the order is stable and reverses whole.
  const tie = (a: IndexEntry, b: IndexEntry): number => sign * (a.s.chatId - b.s.chatId);
  switch (sort) {
    case 'name':
      return (a, b) => {
        const x = nameKey(a);
        const y = nameKey(b);
        return (x < y ? -sign : x > y ? sign : 0) || tie(a, b);
      };
    case 'username':
      return (a, b) => {
        const x = text(a.s.username).toLowerCase() || '\uffff';
        const y = text(b.s.username).toLowerCase() || '\uffff';
        return (x < y ? -sign : x > y ? sign : 0) || tie(a, b);
      };
    case 'lastStartAt':
      return (a, b) => sign * (a.lastStartAt - b.lastStartAt) || tie(a, b);
    default:
      return (a, b) => sign * (a.firstStartAt - b.firstStartAt) || tie(a, b);
  }
}

/** The number a date order is led by (one plain property read each: this runs 100,000 times a query). */
function dateKey(sort: NonNullable<SubscriberQuery['sort']>, dir: 'asc' | 'desc'): ((e: IndexEntry) => number) | null {
  if (sort === 'firstStartAt') return dir === 'asc' ? (e) => e.firstStartAt : (e) => -e.firstStartAt;
  if (sort === 'lastStartAt') return dir === 'asc' ? (e) => e.lastStartAt : (e) => -e.lastStartAt;
  return null;
}

/** One bot's subscribers that a search and filter match, in no order. */
export function matchingEntries(index: SubscriberIndex, botId: number | null, q: Omit<SubscriberQuery, 'offset' | 'limit'>): IndexEntry[] {
  const search = q.search?.trim().toLocaleLowerCase().replace(/^@/, '') ?? '';
  const phone = phoneSearch(search);
  const state = q.state ?? 'all';
  const yespo = q.yespo ?? 'all';
  const matches: IndexEntry[] = [];
  // A search reads only the entries its n-grams point to; each is still checked in full below.
  const candidates = search ? index.searchCandidates(search, phone) : index.all();
  for (const e of candidates) {
    if (botId !== null && e.botId !== botId) continue;
    if (state !== 'all' && e.state !== state) continue;
    if (yespo !== 'all' && e.yespo !== yespo) continue;
    if (!joinedWithin(e.firstStartAt, q.joinedFrom, q.joinedTo)) continue;
    if (q.source && !sourceMatches(e.s, q.source)) continue;
    if (search && !haystack(e).includes(search) && !(phone && phoneMatches(phoneDigits(e), phone))) continue;
    matches.push(e);
  }
  return matches;
}

/** The order a query asks for (newest first by default). */
export function queryOrder(q: Pick<SubscriberQuery, 'sort' | 'dir'>): Compare {
  return comparator(q.sort ?? 'firstStartAt', q.dir ?? 'desc');
}

/** Search, filter, sort and page one bot's subscribers, all in memory. */
export function querySubscribers(index: SubscriberIndex, botId: number | null, q: SubscriberQuery, externalIdPrefix: string): SubscriberPage {
  const matches = matchingEntries(index, botId, q);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  const sort = q.sort ?? 'firstStartAt';
  const dir = q.dir ?? 'desc';
  const compare = comparator(sort, dir);
  const wanted = offset + limit;
  const key = dateKey(sort, dir);
  const ordered = key ? smallestByKey(matches, wanted, key, compare) : smallest(matches, wanted, compare);
  return { total: matches.length, rows: ordered.slice(offset, offset + limit).map((e) => publicSubscriber(e.s, externalIdPrefix)) };
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Counters and the 30-day chart. One pass over the subscribers. */
export function subscriberStats(store: Store, botId: number | null, now: number): Omit<Stats, 'pending' | 'failed' | 'undeliveredLast30Days'> {
  const counts = { subscribers: 0, active: 0, blocked: 0, deleted: 0, unsubscribed: 0, inYespo: 0, newThisWeek: 0 };
  const days = new Map<string, number>();
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - 29);
  for (let d = 0; d < 30; d++) {
    const day = new Date(start);
    day.setDate(start.getDate() + d);
    days.set(localDay(day.getTime()), 0);
  }
  const from = start.getTime();
  for (const s of store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()) {
    if (botId !== null && s.botId !== botId) continue;
    counts.subscribers++;
    counts[s.state]++;
    if (s.tokenInYespo && s.state === 'active') counts.inYespo++;
    if (now - s.firstStartAt < 7 * DAY) counts.newThisWeek++;
    if (s.firstStartAt >= from) {
      const key = localDay(s.firstStartAt);
      const n = days.get(key);
      if (n !== undefined) days.set(key, n + 1);
    }
  }
  return { counts, perDay: [...days].map(([day, count]) => ({ day, count })) };
}
