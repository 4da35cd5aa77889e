import type { Store, Tx } from '../store/store.js';
import { COLLECTIONS, outboxId, type EventDraft, type OutboxItem, type OutboxKind } from '../store/schema.js';

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
 * Queues an event for Yespo. `ref` names what caused it (an update or a callback query id), so
 * handling the same update twice keeps one item.
 */
export function queueEvent(tx: Tx, botId: number, chatId: number, now: number, ref: string, event: EventDraft): void {
  const id = `${outboxId('event', botId, chatId)}:${ref}`;
  tx.put(COLLECTIONS.outbox, id, { id, kind: 'event', botId, chatId, createdAt: now, attempts: 0, nextAttemptAt: now, state: 'waiting', event } satisfies OutboxItem);
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
