import type { Store, Tx } from '../store/store.js';
import { COLLECTIONS, outboxId, type OutboxItem, type OutboxKind } from '../store/schema.js';

/** Queues a call to Yespo for one subscriber; queuing the same work again keeps one item. */
export function queueOutbox(tx: Tx, store: Store, kind: OutboxKind, botId: number, chatId: number, now: number, seconds?: number): void {
  const id = outboxId(kind, botId, chatId);
  const existing = tx.read<OutboxItem>(store, COLLECTIONS.outbox, id);
  if (existing && existing.state === 'waiting' && existing.seconds === seconds) return;
  const item: OutboxItem = { id, kind, botId, chatId, createdAt: now, attempts: 0, nextAttemptAt: now, state: 'waiting' };
  if (seconds !== undefined) item.seconds = seconds;
  tx.put(COLLECTIONS.outbox, id, item);
}

/**
 * Moves a queued item Yespo has not answered yet to `dueAt` (a held token push released or held
 * again). One already tried keeps the retry time its backoff chose.
 */
export function rescheduleOutbox(tx: Tx, store: Store, kind: OutboxKind, botId: number, chatId: number, now: number, dueAt: number): void {
  const id = outboxId(kind, botId, chatId);
  const existing = tx.read<OutboxItem>(store, COLLECTIONS.outbox, id);
  if (existing?.state !== 'waiting' || existing.attempts > 0) return;
  if (Math.max(existing.nextAttemptAt, now) === Math.max(dueAt, now)) return;
  tx.patch<OutboxItem>(store, COLLECTIONS.outbox, id, { nextAttemptAt: dueAt });
}
