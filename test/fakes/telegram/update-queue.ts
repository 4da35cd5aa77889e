/**
 * The per-bot update queue, modelled on tdlib's TQueue as the Bot API server uses it: ids grow by one,
 * `take(from)` forgets (confirms) everything below `from`, an offset too far ahead or behind falls back
 * to the queue head, and an update is dropped once it is 24 h older than its date.
 */

const MAX_AGE_SECONDS = 86_400;
// TQueue's sanity window around the tail/head (TQueue::get).
const FUTURE_SLACK = 10;
const PAST_WINDOW = 100_000;
const COMPACT_AFTER = 4_096;

export interface QueuedUpdate {
  readonly id: number;
  /** The update as delivered, `update_id` included. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly expiresAt: number;
  gone: boolean;
}

export class UpdateQueue {
  // Entries before `head` are forgotten; `gone` marks ones dropped out of order (expired).
  private entries: QueuedUpdate[] = [];
  private head = 0;
  private live = 0;
  private tail: number;
  private lastConfirmed = 0;

  constructor(
    firstId: number,
    private readonly maxPending: number,
  ) {
    this.tail = firstId;
  }

  /** Next id to be assigned. */
  get nextId(): number {
    return this.tail;
  }

  /** id of the last update a getUpdates offset confirmed (0 before the first confirmation). */
  get confirmedUpTo(): number {
    return this.lastConfirmed;
  }

  /**
   * Queues an update dated `dateSeconds`. `body` without a numeric `update_id` gets the next id;
   * one carrying an id at or above the tail moves the tail there (as TQueue accepts), any other
   * `update_id` is delivered verbatim while the queue orders and confirms it by the next id.
   * Returns the queue id, or undefined when the queue is full (Telegram drops the update).
   */
  push(body: Record<string, unknown>, dateSeconds: number): number | undefined {
    if (this.live >= this.maxPending) return undefined;
    const own = body.update_id;
    if (typeof own === 'number' && Number.isInteger(own) && own >= this.tail) this.tail = own;
    const id = this.tail;
    this.tail += 1;
    const delivered = 'update_id' in body ? body : { update_id: id, ...body };
    this.entries.push({ id, body: delivered, expiresAt: dateSeconds + MAX_AGE_SECONDS, gone: false });
    this.live += 1;
    return id;
  }

  /** First id still in the queue, or the tail when it is empty. */
  headId(): number {
    this.skipGoneHead();
    return this.head < this.entries.length ? this.entries[this.head].id : this.tail;
  }

  /**
   * getUpdates' read: confirm ids below `from` (when `from` is in range), then return up to `limit`
   * live updates, dropping expired ones on the way.
   */
  take(from: number, limit: number, nowSeconds: number): QueuedUpdate[] {
    let start = from;
    if (start > this.tail + FUTURE_SLACK || start < this.headId() - PAST_WINDOW) start = this.headId();
    while (this.head < this.entries.length && this.entries[this.head].id < start) {
      const entry = this.entries[this.head];
      if (!entry.gone) {
        this.live -= 1;
        this.lastConfirmed = entry.id;
      }
      this.head += 1;
    }
    const batch: QueuedUpdate[] = [];
    for (let i = this.head; i < this.entries.length && batch.length < limit; i += 1) {
      const entry = this.entries[i];
      if (entry.gone) continue;
      if (entry.expiresAt < nowSeconds) {
        this.drop(entry);
        continue;
      }
      batch.push(entry);
    }
    this.compact();
    return batch;
  }

  /** Live, unexpired updates. Walks the whole queue (expired ones are dropped), so O(queue). */
  pending(nowSeconds: number): number {
    for (let i = this.head; i < this.entries.length; i += 1) {
      const entry = this.entries[i];
      if (!entry.gone && entry.expiresAt < nowSeconds) this.drop(entry);
    }
    this.compact();
    return this.live;
  }

  /** drop_pending_updates: forget everything, keep the id sequence. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.live = 0;
  }

  /**
   * Telegram restarts the id sequence (at a random value) only for a queue that has been empty for
   * about a week, so a reset with live updates would model a state the real server never reaches.
   */
  resetIdSpace(nextId: number, nowSeconds: number): void {
    if (this.pending(nowSeconds) > 0) {
      throw new Error(
        `resetIdSpace: ${this.live} update(s) are still pending; Telegram only restarts ids of an idle, empty queue`,
      );
    }
    this.clear();
    this.tail = nextId;
  }

  private drop(entry: QueuedUpdate): void {
    entry.gone = true;
    this.live -= 1;
  }

  private skipGoneHead(): void {
    while (this.head < this.entries.length && this.entries[this.head].gone) this.head += 1;
  }

  // Keeps reads O(batch): the forgotten prefix is cut off only once it dominates the array.
  private compact(): void {
    this.skipGoneHead();
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
