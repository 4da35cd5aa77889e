import { COLLECTIONS, type StoredSubscriber } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { phoneDigitsOf, searchText, NgramIndex } from './search-index.js';

/** One subscriber with the keys queries need, made once per record (records are replaced, never changed). */
export interface IndexEntry {
  key: string;
  s: StoredSubscriber;
  /**
   * Copies of what every query reads from every record: the records come in many shapes (fields
   * present or not), which makes reading them slow; these entries all have one shape.
   */
  botId: number;
  state: StoredSubscriber['state'];
  yespo: StoredSubscriber['yespo']['state'];
  firstStartAt: number;
  lastStartAt: number;
  /** Everything a search may match, lower case; made on the first search that reaches it. */
  hay?: string;
  /** The name as sorted; made on the first name sort that reaches it. */
  name?: string;
  /** The phone's digits; made on the first phone-like search that reaches it. */
  phone?: string;
  /** Its id in the search index, once that is built. */
  searchId?: number;
}

/** What the search index reads of an entry: the search text and the phone's digits (their n-grams cover both checks). */
function indexedText(e: IndexEntry): string {
  e.hay ??= searchText(e.s);
  e.phone ??= phoneDigitsOf(e.s);
  return `${e.hay}\u0000${e.phone}`;
}

const INDEX_SLICE = 5_000;

/**
 * The subscribers as a dense array that the store's change events keep current, so a query walks
 * an array instead of a map and its derived keys are made once per record rather than once per query;
 * beside it, a search index (see search-index.ts) that the same events keep current.
 * Built on the first query, not at start.
 */
export class SubscriberIndex {
  private entries: IndexEntry[] | null = null;
  private readonly position = new Map<string, number>();
  /** Started with the entries, then kept current like them. */
  private search: NgramIndex<IndexEntry> | null = null;
  /** Entries the search index has not taken in yet, from `indexed` on. */
  private unindexed: IndexEntry[] = [];
  private indexed = 0;

  constructor(private readonly store: Store) {
    store.onChange((collections, records) => {
      if (!this.entries || !collections.has(COLLECTIONS.subscribers)) return;
      for (const r of records) if (r.c === COLLECTIONS.subscribers) this.update(r.k, r.after as StoredSubscriber | undefined);
    });
  }

  all(): readonly IndexEntry[] {
    if (!this.entries) {
      this.entries = [];
      for (const [key, s] of this.store.collection<StoredSubscriber>(COLLECTIONS.subscribers)) {
        this.position.set(key, this.entries.length);
        this.entries.push(entryOf(key, s));
      }
      this.startSearchIndex();
    }
    return this.entries;
  }

  /** The entries a search may match: `needle` in the search text, or one of the phone `readings` in the phone's digits. */
  searchCandidates(needle: string, readings: readonly string[] | null): readonly IndexEntry[] {
    const search = this.searchIndex();
    const byText = search.candidates(needle);
    if (!readings) return byText;
    const union = new Set(byText);
    for (const reading of readings) for (const e of search.candidates(reading)) union.add(e);
    return [...union];
  }

  private searchIndex(): NgramIndex<IndexEntry> {
    if (!this.search) this.all();
    this.indexSome(Infinity);
    return this.search!;
  }

  /**
   * Indexing 100,000 subscribers takes a few hundred milliseconds: it goes on in slices after the
   * first query, between other work, so that the first search does not wait for it.
   */
  private startSearchIndex(): void {
    this.search = new NgramIndex(indexedText);
    this.unindexed = [...this.entries!];
    this.indexed = 0;
    const step = (): void => {
      this.indexSome(INDEX_SLICE);
      if (this.indexed < this.unindexed.length) setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }

  private indexSome(limit: number): void {
    const end = Math.min(this.unindexed.length, this.indexed + limit);
    for (; this.indexed < end; this.indexed++) {
      const e = this.unindexed[this.indexed];
      // Skipped: an entry replaced or removed meanwhile (its successor was indexed as it came).
      const at = this.position.get(e.key);
      if (e.searchId === undefined && at !== undefined && this.entries![at] === e) e.searchId = this.search!.add(e);
    }
    if (this.indexed === this.unindexed.length) {
      this.unindexed = [];
      this.indexed = 0;
    }
  }

  private update(key: string, after: StoredSubscriber | undefined): void {
    const entries = this.entries!;
    const at = this.position.get(key);
    if (at !== undefined) this.unsearch(entries[at]);
    if (after && at !== undefined) {
      entries[at] = this.searchable(entryOf(key, after));
    } else if (after) {
      this.position.set(key, entries.length);
      entries.push(this.searchable(entryOf(key, after)));
    } else if (at !== undefined) {
      // The last entry takes the removed one's place: O(1), and order is the query's business.
      const last = entries.pop()!;
      this.position.delete(key);
      if (at < entries.length) {
        entries[at] = last;
        this.position.set(last.key, at);
      }
    }
  }

  private searchable(e: IndexEntry): IndexEntry {
    if (this.search) e.searchId = this.search.add(e);
    return e;
  }

  private unsearch(e: IndexEntry): void {
    if (this.search && e.searchId !== undefined) {
      this.search.retire(e.searchId, (moved, id) => (moved.searchId = id));
    }
  }
}


function entryOf(key: string, s: StoredSubscriber): IndexEntry {
  return { key, s, botId: s.botId, state: s.state, yespo: s.yespo.state, firstStartAt: s.firstStartAt, lastStartAt: s.lastStartAt, hay: undefined, name: undefined, phone: undefined, searchId: undefined };
}
