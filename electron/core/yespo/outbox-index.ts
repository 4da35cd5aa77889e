import type { OutboxItem } from '../store/schema.js';

interface Entry {
  id: string;
  due: number;
  /** The stored value this entry was made for: a newer value in the store makes the entry stale. */
  ref: OutboxItem;
  seq: number;
}

/** A binary min-heap on (due, seq): earliest first, and first queued first among equals. */
class DueHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  push(entry: Entry): void {
    const a = this.items;
    let i = a.length;
    a.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, a[parent])) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = entry;
  }

  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const m = r < a.length && before(a[r], a[l]) ? r : l;
      if (!before(a[m], last)) break;
      a[i] = a[m];
      i = m;
    }
    a[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

type Lane = 'token' | 'other';
const laneOf = (item: OutboxItem): Lane => (item.kind === 'token' ? 'token' : 'other');

export interface OutboxCounts {
  /** Token pushes not yet accepted (in flight included). */
  waitingTokens: number;
  /** Every waiting item, whatever its kind. */
  waiting: number;
  failed: number;
}

/**
 * The waiting outbox items ordered by when they are due, kept in memory so a batch costs O(batch ·
 * log n) instead of a scan of the whole outbox. Built once from the store; the sync updates it for
 * its own commits and rebuilds it (one O(n) pass, throttled by the caller) when someone else changed
 * the outbox. Entries are checked against the live store value when taken, so a stale one is skipped.
 */
export class OutboxIndex {
  private readonly heaps: Record<Lane, DueHeap> = { token: new DueHeap(), other: new DueHeap() };
  private indexed = new Map<string, Entry>();
  private readonly claimed = new Set<string>();
  private seq = 0;
  counts: OutboxCounts = { waitingTokens: 0, waiting: 0, failed: 0 };

  constructor(private readonly outbox: ReadonlyMap<string, OutboxItem>) {}

  /**
   * Re-reads the whole outbox: recounts, and indexes items that are new or changed. With `dueBy`,
   * every waiting item Yespo has answered before is due no later than that (a "sync now").
   */
  rebuild(dueBy?: number): void {
    const counts: OutboxCounts = { waitingTokens: 0, waiting: 0, failed: 0 };
    let live = 0;
    for (const [id, item] of this.outbox) {
      countInto(counts, item, 1);
      if (item.state !== 'waiting' || this.claimed.has(id)) continue;
      live++;
      // An untried item due later is a push held for an answer the bot asked for; "sync now" keeps it.
      const pull = dueBy !== undefined && item.attempts > 0;
      const known = this.indexed.get(id);
      if (known && known.ref === item && (!pull || known.due <= dueBy)) continue;
      this.index(item, pull ? Math.min(item.nextAttemptAt, dueBy) : item.nextAttemptAt);
    }
    this.counts = counts;
    // Entries of items that left the outbox (or stopped waiting) are dropped only when there are any.
    if (this.indexed.size !== live) {
      for (const [id, entry] of this.indexed) {
        const item = this.outbox.get(id);
        if (item !== entry.ref || item.state !== 'waiting') this.indexed.delete(id);
      }
    }
    // Stale entries are skipped lazily; when they outnumber the live ones, start the heaps afresh.
    if (this.heaps.token.size + this.heaps.other.size > 2 * this.indexed.size + 1024) {
      this.heaps.token.clear();
      this.heaps.other.clear();
      for (const entry of this.indexed.values()) this.heaps[laneOf(entry.ref)].push(entry);
    }
  }

  /** Takes up to `max` due items of one lane, earliest first, and claims them until `release`. */
  take(lane: Lane, now: number, max: number): OutboxItem[] {
    const heap = this.heaps[lane];
    const out: OutboxItem[] = [];
    while (out.length < max) {
      const top = heap.peek();
      if (!top) break;
      if (!this.live(top)) {
        heap.pop();
        continue;
      }
      if (top.due > now) break;
      heap.pop();
      this.indexed.delete(top.id);
      this.claimed.add(top.id);
      out.push(top.ref);
    }
    return out;
  }

  /** When the earliest waiting item is due (undefined when nothing waits unclaimed). */
  nextDue(): number | undefined {
    let earliest: number | undefined;
    for (const heap of Object.values(this.heaps)) {
      let top = heap.peek();
      while (top && !this.live(top)) {
        heap.pop();
        top = heap.peek();
      }
      if (top && (earliest === undefined || top.due < earliest)) earliest = top.due;
    }
    return earliest;
  }

  /** Gives a claimed item back: indexed again if the store still has it waiting, due at `due` if given. */
  release(id: string, due?: number): void {
    this.claimed.delete(id);
    const item = this.outbox.get(id);
    if (item?.state === 'waiting') this.index(item, due ?? item.nextAttemptAt);
  }

  isClaimed(id: string): boolean {
    return this.claimed.has(id);
  }

  /** Keeps the counts right for a change the sync itself commits (called as the commit applies). */
  account(before: OutboxItem | undefined, after: OutboxItem | undefined): void {
    if (before) countInto(this.counts, before, -1);
    if (after) countInto(this.counts, after, 1);
  }

  /** Indexes an item the sync itself put back to waiting (a retry). */
  index(item: OutboxItem, due: number): void {
    if (this.claimed.has(item.id)) return;
    const entry = this.entryFor(item, due);
    this.indexed.set(item.id, entry);
    this.heaps[laneOf(item)].push(entry);
  }

  private entryFor(item: OutboxItem, due: number): Entry {
    return { id: item.id, due, ref: item, seq: this.seq++ };
  }

  private live(entry: Entry): boolean {
    if (this.indexed.get(entry.id) !== entry || this.claimed.has(entry.id)) return false;
    const current = this.outbox.get(entry.id);
    return current === entry.ref && current.state === 'waiting';
  }
}

function countInto(counts: OutboxCounts, item: OutboxItem, sign: 1 | -1): void {
  if (item.state === 'failed') counts.failed += sign;
  else {
    counts.waiting += sign;
    if (item.kind === 'token') counts.waitingTokens += sign;
  }
}
