import type { StoredSubscriber } from '../store/schema.js';

/** Older versions stored names straight from Telegram, objects included: those read as no text. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Everything a search may match, lower case: name, @username, phone, email, chat id, source. */
export function searchText(s: StoredSubscriber): string {
  const username = text(s.username);
  return [text(s.firstName), text(s.lastName), username && `@${username}`, text(s.phone), text(s.email), String(s.chatId), text(s.source)]
    .filter(Boolean)
    .join('\u0001')
    .toLocaleLowerCase();
}

export function phoneDigitsOf(s: StoredSubscriber): string {
  return text(s.phone).replace(/\D/g, '');
}

const GRAM = 3;

const BUCKETS = 1 << 18;

/**
 * The bucket of the n-gram (n ≤ 3) starting at `at`: a hash, read straight as an array index
 * (about 15 million n-grams are indexed for 100,000 subscribers; a Map keyed by strings took
 * seconds). N-grams that share a bucket only widen the candidates, which the query checks anyway.
 */
function bucketOf(t: string, at: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ t.charCodeAt(at + i), 0x01000193);
  return (h ^ (h >>> 15)) & (BUCKETS - 1);
}

/** The ids holding one n-gram, in the order they were added (ids only grow between rebuilds). */
class Posting {
  ids = new Int32Array(4);
  length = 0;

  add(id: number): void {
    // An id is added for all of a record's n-grams before the next id: a repeat is always the last.
    if (this.length > 0 && this.ids[this.length - 1] === id) return;
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }
}

/**
 * An index of the 1-, 2- and 3-grams of what a search matches, so a search reads only the records
 * that hold its rarest n-gram (of its own length up to 3) instead of all of them. Every record
 * containing the query holds all of the query's n-grams, so the candidates are a superset of the
 * matches; the query still checks each candidate itself, which keeps the results exactly those of
 * a full scan.
 *
 * A changed or removed record only retires its id (postings are append-only); the stale ids are
 * skipped on reading and dropped by a rebuild once they outnumber the live ones.
 */
export class NgramIndex<T> {
  private postings: Array<Posting | undefined> = new Array<Posting | undefined>(BUCKETS).fill(undefined);
  private byId: Array<T | undefined> = [];
  private live = 0;

  /** `indexed` is the text whose n-grams stand for a record: what the query's checks read. */
  constructor(private readonly indexed: (item: T) => string) {}

  /** Adds a record; the id it gets is the one to retire it by. */
  add(item: T): number {
    const id = this.byId.length;
    this.byId.push(item);
    this.live++;
    const t = this.indexed(item);
    for (let i = 0; i < t.length; i++) {
      for (let n = 1; n <= GRAM && i + n <= t.length; n++) {
        const bucket = bucketOf(t, i, n);
        (this.postings[bucket] ??= new Posting()).add(id);
      }
    }
    return id;
  }

  /** Forgets a record; `reindex` is called with every live record and its new id when a rebuild happens. */
  retire(id: number, reindex: (item: T, id: number) => void): void {
    if (this.byId[id] === undefined) return;
    this.byId[id] = undefined;
    this.live--;
    if (this.byId.length - this.live > Math.max(this.live, 1024)) this.rebuild(reindex);
  }

  /** The records that may contain `needle` (not empty): those holding its rarest n-gram. */
  candidates(needle: string): T[] {
    const n = Math.min(GRAM, needle.length);
    let rarest: Posting | undefined;
    for (let i = 0; i + n <= needle.length; i++) {
      const posting = this.postings[bucketOf(needle, i, n)];
      if (!posting) return [];
      if (!rarest || posting.length < rarest.length) rarest = posting;
    }
    const out: T[] = [];
    const { ids, length } = rarest!;
    for (let i = 0; i < length; i++) {
      const item = this.byId[ids[i]];
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  private rebuild(reindex: (item: T, id: number) => void): void {
    const items = this.byId.filter((item): item is T => item !== undefined);
    this.postings = new Array<Posting | undefined>(BUCKETS).fill(undefined);
    this.byId = [];
    this.live = 0;
    for (const item of items) reindex(item, this.add(item));
  }
}
