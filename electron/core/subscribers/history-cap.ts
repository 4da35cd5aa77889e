import type { SubscriberEvent } from '../contract/types.js';
import { COLLECTIONS } from '../store/schema.js';

/**
 * Events kept per subscriber. A button pressed every day would otherwise grow one record without
 * end, and with it every start (the snapshot is read whole) and every compaction.
 */
export const HISTORY_LIMIT = 200;

/** How a person came: never dropped, so the story always says when and how they joined. */
const JOINED = new Set<SubscriberEvent['type']>(['started', 'imported']);

/** The first event when it tells how the person joined, and the newest others, `limit` in all. */
export function capHistory<T extends Pick<SubscriberEvent, 'type'>>(events: readonly T[], limit = HISTORY_LIMIT): readonly T[] {
  if (events.length <= limit) return events;
  const first = events[0];
  return JOINED.has(first.type) ? [first, ...events.slice(events.length - limit + 1)] : events.slice(events.length - limit);
}

/** The store's bound for lists appended to (`Tx.append`): only histories are lists. */
export function boundStoredList(collection: string, list: readonly unknown[]): readonly unknown[] {
  return collection === COLLECTIONS.events ? capHistory(list as readonly SubscriberEvent[]) : list;
}
