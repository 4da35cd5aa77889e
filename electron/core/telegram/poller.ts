import { Api } from 'grammy';
import type { BotInfo, BotState } from '../contract/types.js';
import { retryDelay, type RetryPolicy } from '../retry-delay.js';
import { sleep } from '../sleep.js';
import type { Logger } from '../log.js';
import { StoreWriteError, type Store, type Tx } from '../store/store.js';
import { COLLECTIONS } from '../store/schema.js';
import { classifyTelegramError } from './telegram-errors.js';
import type { TgUpdate } from './updates.js';
import { rateLimitDetail, telegramWaitMs } from './wait.js';

/** Sent on every call: the list is sticky on Telegram's side, and another tool may have narrowed it. */
export const ALLOWED_UPDATES = ['message', 'my_chat_member', 'callback_query'] as const;
export const POLL_TIMEOUT_SECONDS = 50;
/** A long poll answers within its timeout; past this margin we assume it hangs (sleep, dead proxy). */
const CLIENT_MARGIN_SECONDS = 15;
const RECENT_IDS = 200;
/** Network errors, 5xx and proxy pages: 1 s to 60 s with jitter, as the Bot API notes advise. */
const NETWORK_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 60_000 };
/** A disk that refused a write: try again from 2 s, at most every minute. */
const STORE_RETRY: RetryPolicy = { baseMs: 2_000, capMs: 60_000, maxRetryAfterMs: 60_000 };

export interface PollerMeta {
  botId: number;
  apiRoot: string;
  /** The next getUpdates offset; undefined = from the queue head. */
  offset?: number;
  lastPollAt?: number;
  /** Exact ids handled lately: after an id-space reset ids may repeat lower, so we never compare with <=. */
  recentIds: number[];
}

/** A bot token is `<bot id>:<secret>`. */
export function botIdOf(token: string): number {
  return Number(token.slice(0, token.indexOf(':')));
}

export function pollerMetaKey(botId: number): string {
  return `poller:${botId}`;
}

export interface PollerState {
  state: BotState;
  bot?: BotInfo;
  lastPollAt?: number;
  nextTryAt?: number;
  detail?: string;
}

export interface PollerDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  token: () => string | null;
  apiRoot: () => string;
  /** Fills `tx` with what the batch means; the poller adds the offset to the same commit. */
  applyBatch: (tx: Tx, bot: BotInfo, updates: TgUpdate[]) => void;
  /** After a batch is durable (replies may go out, screens refresh). */
  afterBatch: () => void;
  onState: (state: PollerState) => void;
  pollTimeoutSeconds?: number;
  /** Scales every wait; tests use a small value. */
  timeScale?: number;
  random?: () => number;
}

/**
 * Our own long-polling loop on grammY's Api. A batch is applied and made durable before the next
 * getUpdates, whose offset is what confirms the batch to Telegram: a crash at any point loses nothing.
 */
export class Poller {
  private current: PollerState = { state: 'connecting' };
  private running = false;
  private loop: Promise<void> | null = null;
  private wait = new AbortController();
  private inFlight: { controller: AbortController; since: number } | null = null;
  private suspended = false;
  private watchdog: NodeJS.Timeout | null = null;
  private attempt = 0;
  private savingBatch = false;

  constructor(private readonly deps: PollerDeps) {}

  get state(): PollerState {
    return this.current;
  }

  /** Between receiving a batch of updates and having it on disk. */
  get busy(): boolean {
    return this.savingBatch;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wait = new AbortController();
    this.loop = this.run().catch((error: unknown) => this.deps.logger.error({ err: error }, 'poller stopped unexpectedly'));
    const limitMs = (this.pollTimeout() + CLIENT_MARGIN_SECONDS + 10) * 1_000 * this.scale();
    this.watchdog = setInterval(() => {
      if (this.inFlight && this.deps.now() - this.inFlight.since > limitMs) {
        this.deps.logger.warn('a long poll hung past its timeout; aborting it');
        this.inFlight.controller.abort();
      }
    }, Math.max(50, limitMs / 4));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wait.abort();
    this.inFlight?.controller.abort();
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await this.loop;
    this.loop = null;
  }

  /** Power events: a poll in flight when the laptop sleeps can hang for minutes after it wakes. */
  suspend(): void {
    this.suspended = true;
    this.inFlight?.controller.abort();
    this.set({ ...this.current, state: 'suspended' });
  }

  resume(): void {
    this.suspended = false;
    this.attempt = 0;
    this.inFlight?.controller.abort();
    this.wait.abort();
  }

  /** Try again now (a new token, a removed webhook, a fixed disk). */
  kick(): void {
    this.attempt = 0;
    this.wait.abort();
  }

  private scale(): number {
    return this.deps.timeScale ?? 1;
  }

  private pollTimeout(): number {
    return this.deps.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS;
  }

  private set(state: PollerState): void {
    this.current = state;
    this.deps.onState(state);
  }

  private async pause(ms: number): Promise<void> {
    if (this.wait.signal.aborted) this.wait = new AbortController();
    await sleep(ms * this.scale(), this.wait.signal);
  }

  private async run(): Promise<void> {
    let api: Api | null = null;
    let apiKey = '';
    let bot: BotInfo | undefined;
    let meta: PollerMeta | undefined;
    while (this.running) {
      if (this.suspended) {
        await this.pause(60_000);
        continue;
      }
      const token = this.deps.token();
      const apiRoot = this.deps.apiRoot().replace(/\/+$/, '');
      if (!token) {
        this.set({ state: 'not-configured' });
        await this.pause(60_000);
        continue;
      }
      if (`${apiRoot} ${token}` !== apiKey) {
        api = new Api(token, { apiRoot, timeoutSeconds: (this.pollTimeout() + CLIENT_MARGIN_SECONDS) * this.scale() });
        apiKey = `${apiRoot} ${token}`;
        bot = undefined;
      }
      const controller = new AbortController();
      this.inFlight = { controller, since: this.deps.now() };
      try {
        // Polling confirms the last batch, so first the disk must have taken it.
        if (this.deps.store.health.state === 'write-failed') await this.deps.store.flush();
        let updates: TgUpdate[];
        if (!bot || !meta) {
          if (this.current.state !== 'backing-off') this.set({ ...this.current, state: 'connecting' });
          // The token starts with the bot's id, which is all the offset needs: the first long poll
          // goes out at once, and getMe (the name for the screens) runs beside it.
          meta = this.loadMeta(botIdOf(token), apiRoot);
          const polled = this.getUpdates(api!, meta, controller);
          polled.catch(() => {});
          try {
            const me = await api!.getMe(controller.signal as never);
            bot = { id: me.id, username: me.username, name: me.first_name };
          } catch (error) {
            controller.abort();
            throw error;
          }
          this.set({ state: 'polling', bot, lastPollAt: meta.lastPollAt });
          updates = await polled;
        } else {
          updates = await this.getUpdates(api!, meta, controller);
        }
        this.inFlight = null;
        this.savingBatch = updates.length > 0;
        meta = await this.persist(bot, meta, updates);
        this.savingBatch = false;
        this.attempt = 0;
        this.set({ state: 'polling', bot, lastPollAt: meta.lastPollAt });
        if (updates.length) this.deps.afterBatch();
      } catch (error) {
        this.inFlight = null;
        this.savingBatch = false;
        // The batch is applied in memory and queued for disk: read the offset back from the store,
        // so the batch is not applied twice once the disk works again.
        if (error instanceof StoreWriteError) meta = undefined;
        if (!this.running) break;
        await this.handleFailure(error, bot);
      }
    }
  }

  private async getUpdates(api: Api, meta: PollerMeta, controller: AbortController): Promise<TgUpdate[]> {
    const updates = await api.getUpdates(
      { offset: meta.offset, limit: 100, timeout: this.pollTimeout(), allowed_updates: [...ALLOWED_UPDATES] },
      controller.signal as never,
    );
    return updates as unknown as TgUpdate[];
  }

  private loadMeta(botId: number, apiRoot: string): PollerMeta {
    const stored = this.deps.store.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(botId));
    // Offsets belong to one bot on one server: anything else starts from the queue head.
    if (!stored || stored.apiRoot !== apiRoot) return { botId, apiRoot, recentIds: [], lastPollAt: stored?.lastPollAt };
    return stored;
  }

  private async persist(bot: BotInfo, meta: PollerMeta, updates: TgUpdate[]): Promise<PollerMeta> {
    const tx = this.deps.store.tx();
    const seen = new Set(meta.recentIds);
    const fresh = updates.filter((u) => u && Number.isSafeInteger(u.update_id) && !seen.has(u.update_id));
    if (fresh.length) this.deps.applyBatch(tx, bot, fresh);
    const last = updates.at(-1);
    const recentIds = meta.recentIds.concat(fresh.map((u) => u.update_id)).slice(-RECENT_IDS);
    // Adopt last + 1 even when lower than before: after a quiet week Telegram restarts ids at random.
    const next: PollerMeta = { ...meta, offset: last ? last.update_id + 1 : meta.offset, lastPollAt: this.deps.now(), recentIds };
    tx.put(COLLECTIONS.meta, pollerMetaKey(bot.id), next);
    await this.deps.store.commit(tx);
    return next;
  }

  private async handleFailure(error: unknown, bot: BotInfo | undefined): Promise<void> {
    const now = this.deps.now();
    if (error instanceof StoreWriteError) {
      // Not polling again means not confirming: Telegram keeps the updates until the disk works.
      this.deps.logger.error({ err: error }, 'cannot save; polling paused');
      const delay = retryDelay(++this.attempt, { random: this.deps.random, policy: STORE_RETRY });
      this.set({ state: 'store-failed', bot, nextTryAt: now + delay, detail: error.message, lastPollAt: this.current.lastPollAt });
      await this.pause(delay);
      return;
    }
    const failure = classifyTelegramError(error);
    const base = { bot, lastPollAt: this.current.lastPollAt, detail: failure.detail };
    switch (failure.kind) {
      case 'aborted':
        return;
      case 'unauthorized':
        this.set({ ...base, state: 'token-rejected' });
        await this.pause(6 * 60 * 60_000);
        return;
      case 'webhook-set':
        this.set({ ...base, state: 'webhook-set' });
        await this.pause(5 * 60_000);
        return;
      case 'conflict': {
        const delay = 30_000 + Math.round(30_000 * (this.deps.random ?? Math.random)());
        this.set({ ...base, state: 'conflict', nextTryAt: now + delay });
        await this.pause(delay);
        return;
      }
      case 'rate-limited': {
        const delay = telegramWaitMs(failure.retryAfterSeconds, { now, lastPollAt: this.current.lastPollAt });
        const nextTryAt = now + delay;
        this.set({ ...base, state: 'rate-limited', nextTryAt, detail: rateLimitDetail(failure.retryAfterSeconds, nextTryAt) });
        await this.pause(delay);
        return;
      }
      default: {
        const delay = retryDelay(++this.attempt, { random: this.deps.random, policy: NETWORK_RETRY });
        this.deps.logger.warn({ detail: failure.detail, delay }, 'Telegram call failed; backing off');
        this.set({ ...base, state: 'backing-off', nextTryAt: now + delay });
        await this.pause(delay);
      }
    }
  }
}
