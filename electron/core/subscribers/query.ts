import type { Stats, SubscriberPage, SubscriberQuery } from '../contract/types.js';
import type { Store } from '../store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../store/schema.js';
import { publicSubscriber } from './public.js';

const DAY = 24 * 60 * 60_000;
/** Records are replaced, never mutated, so derived keys can be cached per record object. */
const haystacks = new WeakMap<StoredSubscriber, string>();
const nameKeys = new WeakMap<StoredSubscriber, string>();

/** Older versions stored names straight from Telegram, objects included: those read as no text. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function haystack(s: StoredSubscriber): string {
  let h = haystacks.get(s);
  if (h === undefined) {
    const username = text(s.username);
    h = [text(s.firstName), text(s.lastName), username && `@${username}`, text(s.phone), text(s.email), String(s.chatId), text(s.source)]
      .filter(Boolean)
      .join('\u0001')
      .toLocaleLowerCase();
    haystacks.set(s, h);
  }
  return h;
}

function nameKey(s: StoredSubscriber): string {
  let k = nameKeys.get(s);
  if (k === undefined) {
    k = `${text(s.firstName)} ${text(s.lastName)}`.trim().toLocaleLowerCase();
    nameKeys.set(s, k);
  }
  return k;
}

type Compare = (a: StoredSubscriber, b: StoredSubscriber) => number;

function comparator(sort: NonNullable<SubscriberQuery['sort']>, dir: 'asc' | 'desc'): Compare {
  const sign = dir === 'asc' ? 1 : -1;
  const tie = (a: StoredSubscriber, b: StoredSubscriber): number => a.chatId - b.chatId;
  switch (sort) {
    case 'name':
      return (a, b) => {
        const x = nameKey(a);
        const y = nameKey(b);
        return (x < y ? -sign : x > y ? sign : 0) || tie(a, b);
      };
    case 'username':
      return (a, b) => {
        const x = text(a.username).toLowerCase() || '\uffff';
        const y = text(b.username).toLowerCase() || '\uffff';
        return (x < y ? -sign : x > y ? sign : 0) || tie(a, b);
      };
    case 'lastStartAt':
      return (a, b) => sign * (a.lastStartAt - b.lastStartAt) || tie(a, b);
    default:
      return (a, b) => sign * (a.firstStartAt - b.firstStartAt) || tie(a, b);
  }
}

/** The `k` smallest by `compare`, in order, without sorting everything (the first pages of 100k). */
export function smallest<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k >= items.length / 4) return items.slice().sort(compare).slice(0, k);
  const top: T[] = [];
  for (const item of items) {
    if (top.length < k) {
      top.push(item);
      if (top.length === k) top.sort(compare);
      continue;
    }
    if (compare(item, top[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    top.pop();
  }
  return top.length < k ? top.sort(compare) : top;
}

/** Search, filter, sort and page one bot's subscribers, all in memory. */
export function querySubscribers(store: Store, botId: number | null, q: SubscriberQuery, externalIdPrefix: string): SubscriberPage {
  const search = q.search?.trim().toLocaleLowerCase().replace(/^@/, '') ?? '';
  const state = q.state ?? 'all';
  const yespo = q.yespo ?? 'all';
  const matches: StoredSubscriber[] = [];
  for (const s of store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()) {
    if (botId !== null && s.botId !== botId) continue;
    if (state !== 'all' && s.state !== state) continue;
    if (yespo !== 'all' && s.yespo.state !== yespo) continue;
    if (search && !haystack(s).includes(search)) continue;
    matches.push(s);
  }
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  const ordered = smallest(matches, offset + limit, comparator(q.sort ?? 'firstStartAt', q.dir ?? 'desc'));
  return { total: matches.length, rows: ordered.slice(offset, offset + limit).map((s) => publicSubscriber(s, externalIdPrefix)) };
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Counters and the 30-day chart. One pass over the subscribers. */
export function subscriberStats(store: Store, botId: number | null, now: number): Omit<Stats, 'pending' | 'failed'> {
  const counts = { subscribers: 0, active: 0, blocked: 0, deleted: 0, inYespo: 0, newThisWeek: 0 };
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
