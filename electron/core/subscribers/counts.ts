import type { Counts } from '../contract/types.js';
import type { RecordChange, Store } from '../store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../store/schema.js';
import { subscriberStats } from './query.js';

const WEEK = 7 * 24 * 60 * 60_000;
/** "New this week" drifts as people age out of the week; a full recount this often corrects it. */
const RECOUNT_MS = 10 * 60_000;

function add(counts: Counts, s: StoredSubscriber, sign: 1 | -1, now: number): void {
  counts.subscribers += sign;
  counts[s.state] += sign;
  if (s.tokenInYespo && s.state === 'active') counts.inYespo += sign;
  if (now - s.firstStartAt < WEEK) counts.newThisWeek += sign;
}

/**
 * The status line's counters, kept up to date from each committed change, so a status costs O(1)
 * instead of a pass over 100k subscribers every time something happens.
 */
export class SubscriberCounts {
  private counts: Counts | null = null;
  private botId: number | null = null;
  private countedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {
    store.onChange((collections, records) => {
      if (collections.has(COLLECTIONS.subscribers)) this.apply(records);
    });
  }

  get(botId: number | null): Counts {
    const now = this.now();
    if (!this.counts || this.botId !== botId || now - this.countedAt > RECOUNT_MS) {
      this.counts = subscriberStats(this.store, botId, now).counts;
      this.botId = botId;
      this.countedAt = now;
    }
    return { ...this.counts };
  }

  private apply(records: readonly RecordChange[]): void {
    const counts = this.counts;
    if (!counts) return;
    const now = this.now();
    for (const r of records) {
      if (r.c !== COLLECTIONS.subscribers) continue;
      const before = r.before as StoredSubscriber | undefined;
      const after = r.after as StoredSubscriber | undefined;
      if (before && (this.botId === null || before.botId === this.botId)) add(counts, before, -1, now);
      if (after && (this.botId === null || after.botId === this.botId)) add(counts, after, 1, now);
    }
  }
}
