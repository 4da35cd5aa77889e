import type { FailureCause } from '../contract/types.js';
import type { Store, Tx } from '../store/store.js';
import { COLLECTIONS, type StoredFailure } from '../store/schema.js';

/**
 * Stored failures kept (Yespo's undelivered reports, refused replies). A newsletter to a list with
 * many blocked chats adds thousands a send; more than this is never read, and each is loaded at start.
 */
export const FAILURES_LIMIT = 10_000;

/** Meta record: how many stored failures of each cause were dropped as the oldest beyond the limit. */
export const FAILURES_DROPPED_KEY = 'failures-dropped';
export type DroppedFailures = Partial<Record<FailureCause, number>>;

type Dated = Pick<StoredFailure, 'id' | 'at' | 'cause'>;

/** The oldest failures beyond `limit`, to drop. */
export function oldestBeyond<T extends Dated>(failures: Iterable<T>, limit: number): T[] {
  const all = [...failures];
  if (all.length <= limit) return [];
  return all.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, all.length - limit);
}

/**
 * Adds to `tx` the deletes that keep the stored failures, with `added` (put in `tx`), within the
 * limit, and counts what was dropped per cause, so the failures screen can say so.
 */
export function capFailures(tx: Tx, store: Store, added: readonly StoredFailure[], limit = FAILURES_LIMIT): void {
  const stored = store.collection<StoredFailure>(COLLECTIONS.failures);
  const fresh = added.filter((f) => !stored.has(f.id));
  if (stored.size + fresh.length <= limit) return;
  const drop = oldestBeyond([...stored.values(), ...fresh], limit);
  const dropped = { ...(tx.read<DroppedFailures>(store, COLLECTIONS.meta, FAILURES_DROPPED_KEY) ?? {}) };
  for (const f of drop) {
    tx.delete(COLLECTIONS.failures, f.id);
    dropped[f.cause] = (dropped[f.cause] ?? 0) + 1;
  }
  tx.put(COLLECTIONS.meta, FAILURES_DROPPED_KEY, dropped);
}
