import { COLLECTIONS, type StoredSubscriber } from '../store/schema.js';
import type { Store } from '../store/store.js';

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
}

/**
 * The subscribers as a dense array that the store's change events keep current, so a query walks
 * an array instead of a map and its derived keys are made once per record rather than once per query.
 * Built on the first query, not at start.
 */
export class SubscriberIndex {
  private entries: IndexEntry[] | null = null;
  private readonly position = new Map<string, number>();

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
    }
    return this.entries;
  }

  private update(key: string, after: StoredSubscriber | undefined): void {
    const entries = this.entries!;
    const at = this.position.get(key);
    if (after && at !== undefined) {
      entries[at] = entryOf(key, after);
    } else if (after) {
      this.position.set(key, entries.length);
      entries.push(entryOf(key, after));
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
}


function entryOf(key: string, s: StoredSubscriber): IndexEntry {
  return { key, s, botId: s.botId, state: s.state, yespo: s.yespo.state, firstStartAt: s.firstStartAt, lastStartAt: s.lastStartAt, hay: undefined, name: undefined, phone: undefined };
}
