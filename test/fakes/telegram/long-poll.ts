import type { UpdateQueue, QueuedUpdate } from './update-queue.js';

export const CONFLICT_OTHER_POLL =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
export const CONFLICT_WEBHOOK_ACTIVE =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
export const CONFLICT_SET_WEBHOOK = 'Conflict: terminated by setWebhook request';

export type Reply = (status: number, body: unknown) => void;

// Client.cpp constants, in (unscaled) seconds.
const CONFLICT_INTERVAL = 3;
const REPEATED_OFFSET_MIN_TIMEOUT = 3;
// A woken poll answers within LONG_POLL_MAX_DELAY so updates queued together leave together.
const WAKE_DELAY_MS = 2;

interface LongPoll {
  readonly offset: number;
  readonly limit: number;
  readonly reply: Reply;
  timer: NodeJS.Timeout;
  woken: boolean;
}

export interface PollClock {
  /** Unix seconds of the fake's clock: update dates and the 24 h expiry. */
  nowSeconds(): number;
  /** Real milliseconds for a span of Telegram seconds (scaled by the fake's timeScale). */
  scaledMs(seconds: number): number;
}

/**
 * getUpdates as `Client::process_get_updates_query` / `do_get_updates` / `long_poll_wakeup` run it:
 * one held long poll per bot, woken shortly after an update is queued, and 409 conflicts answered at
 * most once per 3 s (later ones are held back 3 s).
 */
export class LongPoller {
  private current: LongPoll | undefined;
  private nextConflictAt = 0;
  private previousOffset: number | undefined;
  private previousStartAt = Number.NEGATIVE_INFINITY;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly queue: UpdateQueue,
    private readonly clock: PollClock,
  ) {}

  get active(): boolean {
    return this.current !== undefined;
  }

  poll(offset: number, limit: number, requestedTimeout: number, reply: Reply): void {
    let timeout = requestedTimeout;
    const now = performance.now();
    // Telegram stretches a quick repeat of the same offset to a 3 s poll, so tight loops can't spin.
    if (
      offset === this.previousOffset &&
      timeout < REPEATED_OFFSET_MIN_TIMEOUT &&
      now < this.previousStartAt + this.clock.scaledMs(REPEATED_OFFSET_MIN_TIMEOUT)
    ) {
      timeout = REPEATED_OFFSET_MIN_TIMEOUT;
    }
    this.previousOffset = offset;
    this.previousStartAt = now;
    this.read(offset, limit, timeout, reply);
  }

  /** Called after an update is queued. */
  wake(): void {
    const poll = this.current;
    if (!poll || poll.woken) return;
    poll.woken = true;
    clearTimeout(poll.timer);
    this.timers.delete(poll.timer);
    poll.timer = this.schedule(WAKE_DELAY_MS, () => this.finish(poll));
  }

  /** Ends the held poll with a 409 (another poller, or a webhook being set). */
  abort(message: string): void {
    const poll = this.current;
    if (!poll) return;
    this.current = undefined;
    clearTimeout(poll.timer);
    this.timers.delete(poll.timer);
    this.conflict(message, poll.reply);
  }

  conflict(message: string, reply: Reply): void {
    const answer = (): void => reply(409, { ok: false, error_code: 409, description: message });
    const now = performance.now();
    if (now >= this.nextConflictAt) {
      this.nextConflictAt = now + this.clock.scaledMs(CONFLICT_INTERVAL);
      answer();
    } else {
      this.schedule(this.clock.scaledMs(CONFLICT_INTERVAL), answer);
    }
  }

  /** Drops the held poll and pending timers without answering (server shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.current = undefined;
  }

  private read(requestedOffset: number, limit: number, timeout: number, reply: Reply): void {
    let offset = requestedOffset;
    if (offset <= 0) {
      // A negative offset counts back from the end of the queue.
      if (offset < 0) offset += this.queue.nextId;
      offset = Math.max(offset, this.queue.headId());
    }
    const batch = this.queue.take(offset, limit, this.clock.nowSeconds());
    if (timeout !== 0 && batch.length === 0) {
      this.abort(CONFLICT_OTHER_POLL);
      const poll: LongPoll = {
        offset,
        limit,
        reply,
        woken: false,
        timer: this.schedule(this.clock.scaledMs(timeout), () => this.finish(poll)),
      };
      this.current = poll;
      return;
    }
    reply(200, { ok: true, result: batch.map((entry: QueuedUpdate) => entry.body) });
  }

  private finish(poll: LongPoll): void {
    if (this.current !== poll) return;
    this.current = undefined;
    this.read(poll.offset, poll.limit, 0, poll.reply);
  }

  private schedule(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}
