import type { FailureGroup, SyncStatus } from '../contract/types.js';
import { errorText } from '../error-text.js';
import type { Logger } from '../log.js';
import { Tx, type RecordChange, type Store } from '../store/store.js';
import { COLLECTIONS, outboxId, subscriberKey, type OutboxItem, type StoredEvent, type StoredFailure, type StoredSubscriber } from '../store/schema.js';
import { readDeliveryFailures } from './activity.js';
import { YespoClient } from './client.js';
import { YespoAuthError, YespoConflict, YespoError, YespoNetworkError, YespoPermissionError, isTransient } from './errors.js';
import { buildFailureGroups } from './failures.js';
import { OutboxIndex } from './outbox-index.js';
import { contactUpdateFor, tokenEntryFor, type PushedIdentifiers } from './identity.js';
import { clampDelay, DEFAULT_RETRY, retryDelay, type RetryPolicy } from '../retry-delay.js';
import { classifyRefusal, planRefusedBatch } from './split.js';

export interface YespoConfig {
  apiRoot: string;
  apiKey: string | null;
  appUuid: string | null;
  batchSize: number;
  externalIdPrefix: string;
  activityPollMinutes: number;
  paused: boolean;
}

/** Waits and limits; the defaults are the product's, tests shrink them. */
export interface SyncTiming {
  retry: RetryPolicy;
  /** Multiplies every wait derived from Yespo's answers (backoff, Retry-After, the 409 minute). */
  retryScale: number;
  /** `POST /v1/contact` refuses a repeat within a minute. */
  repeatWaitMs: number;
  /** The first scheduled activity read after `start`. */
  activityFirstDelayMs: number;
  /** How often an idle worker looks at the settings again (pause, keys). */
  idleCheckMs: number;
  /** How long to wait before retrying a store that refused to write. */
  storeRetryMs: number;
  /** Per-call timeout. */
  timeoutMs: number;
  /** Requests in flight at once. Each lane waits for its batch to be durable before the next. */
  lanes: number;
  /** Rows per page of the activity report. */
  activityPageRows: number;
  /** How long a minute of `activityPollMinutes` lasts (tests shrink it). */
  minuteMs: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  retry: DEFAULT_RETRY,
  retryScale: 1,
  repeatWaitMs: 60_000,
  activityFirstDelayMs: 10_000,
  idleCheckMs: 1_000,
  storeRetryMs: 5_000,
  timeoutMs: 20_000,
  lanes: 2,
  activityPageRows: 1_000,
  minuteMs: 60_000,
};

export interface YespoSyncDeps {
  store: Store;
  logger: Logger;
  now?: () => number;
  /** Read fresh on every cycle: settings can change. */
  config: () => YespoConfig;
  /** Called whenever the SyncStatus may have changed. */
  onChange: () => void;
  fetch?: typeof fetch;
  timing?: Partial<SyncTiming>;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

/** Meta record `yespo`. */
export interface YespoMeta {
  lastSuccessAt?: number;
}

export const YESPO_META_KEY = 'yespo';
const MIN_BATCH = 1;
const MAX_BATCH = 5_000;
const DAY = 86_400_000;
/** The longest mute Yespo takes, for a mute item queued without a duration. */
const MAX_MUTE_SECONDS = 31_536_000;

type Work = { kind: 'tokens'; items: OutboxItem[] } | { kind: 'single'; item: OutboxItem } | { kind: 'store-check' };

interface Prepared {
  item: OutboxItem;
  key: string;
  entry: ReturnType<typeof tokenEntryFor>['entry'];
  identity: ReturnType<typeof tokenEntryFor>['identity'];
  pushed: PushedIdentifiers;
}

interface Pause {
  /** The setting value that failed: a different one lifts the pause. */
  value: string | null;
  detail: string;
}

/**
 * Sends the outbox to Yespo and reads Yespo's delivery failures back.
 *
 * Nothing leaves the outbox until Yespo's 200 for it is committed, and each lane waits for that commit
 * to be durable before it sends again, so a crash re-sends at most the batches in flight (one per
 * lane). Transient failures back off for the whole sync (the server is the problem, not the item);
 * a 400 halves the batch until the bad item stands alone.
 */
export class YespoSync {
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly timing: SyncTiming;
  private readonly random: () => number;
  /** Built on first use: the engine may construct the sync before its store has opened (or when it failed to). */
  private bound: { store: Store; outbox: ReadonlyMap<string, OutboxItem>; index: OutboxIndex } | null = null;

  private running = false;
  private lanes: Promise<void>[] = [];
  private abort = new AbortController();
  private sleepers = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private ownCommit = false;
  private activityTimer: NodeJS.Timeout | null = null;
  private activityRun: Promise<void> | null = null;
  private notifyQueued = false;

  private client: { id: string; client: YespoClient } | null = null;
  /** Token batches being halved after a 400: sent before anything new. Their items stay claimed. */
  private splits: OutboxItem[][] = [];
  /** A batch size Yespo refused as too large halves this for the rest of the session. */
  private learnedMaxBatch = MAX_BATCH;
  private inFlight = 0;
  private authPause: Pause | null = null;
  private appPause: Pause | null = null;
  private backoffUntil = 0;
  private failureStreak = 0;
  private lastError: string | undefined;
  private storeFailed: { detail: string; retryAt: number } | null = null;
  private lastSuccessAt: number | undefined;
  private forbiddenFor: string | null | undefined;

  constructor(private readonly deps: YespoSyncDeps) {
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.random = deps.random ?? Math.random;
  }

  private get store(): Store {
    return this.bind().store;
  }

  private get outbox(): ReadonlyMap<string, OutboxItem> {
    return this.bind().outbox;
  }

  private get index(): OutboxIndex {
    return this.bind().index;
  }

  private bind(): { store: Store; outbox: ReadonlyMap<string, OutboxItem>; index: OutboxIndex } {
    const store = this.deps.store;
    if (this.bound?.store !== store) {
      const outbox = store.collection<OutboxItem>(COLLECTIONS.outbox);
      const index = new OutboxIndex(outbox);
      index.rebuild();
      this.bound = { store, outbox, index };
      this.lastSuccessAt = store.get<YespoMeta>(COLLECTIONS.meta, YESPO_META_KEY)?.lastSuccessAt;
    }
    return this.bound;
  }

  /** True after Yespo refused to show activity to this key (403): a hint for the owner, not an error. */
  get activityForbidden(): boolean {
    return this.forbiddenFor !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.client = null;
    // A fresh start tries again: settings or the data may have changed while stopped.
    this.authPause = null;
    this.appPause = null;
    this.backoffUntil = 0;
    this.failureStreak = 0;
    this.storeFailed = null;
    this.unsubscribe = this.store.onChange((collections, records) => this.onStoreChange(collections, records));
    this.index.rebuild();
    this.lastSuccessAt = this.store.get<YespoMeta>(COLLECTIONS.meta, YESPO_META_KEY)?.lastSuccessAt;
    this.lanes = Array.from({ length: Math.max(1, this.timing.lanes) }, () => this.lane());
    this.scheduleActivity(this.timing.activityFirstDelayMs);
    this.notify();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.activityTimer) clearTimeout(this.activityTimer);
    this.activityTimer = null;
    this.wakeLanes();
    await Promise.all(this.lanes);
    this.lanes = [];
    await this.activityRun?.catch(() => {});
    // Halves of a split batch go back to the outbox as they are; the next start splits again.
    for (const part of this.splits.splice(0)) for (const item of part) this.index.release(item.id);
    this.notify();
  }

  wake(): void {
    if (this.running) this.wakeLanes();
  }

  syncNow(): void {
    this.authPause = null;
    this.appPause = null;
    this.backoffUntil = 0;
    this.failureStreak = 0;
    if (this.storeFailed) this.storeFailed.retryAt = 0;
    if (!this.running) return;
    this.index.rebuild(this.now());
    this.wakeLanes();
    this.notify();
  }

  status(): SyncStatus {
    const cfg = this.deps.config();
    const now = this.now();
    const { waitingTokens, waiting, failed } = this.index.counts;
    const status: SyncStatus = { state: 'idle', pending: waitingTokens, failed };
    if (this.lastSuccessAt !== undefined) {
      status.lastSuccessAt = this.lastSuccessAt;
      status.apiKeyIdleDays = Math.max(0, Math.floor((now - this.lastSuccessAt) / DAY));
    }
    this.liftPausesIfConfigChanged(cfg);
    if (!cfg.apiKey || !cfg.appUuid) return { ...status, state: 'not-configured' };
    if (cfg.paused) return { ...status, state: 'paused' };
    if (this.storeFailed) return { ...status, state: 'store-failed', detail: this.storeFailed.detail };
    if (this.authPause) return { ...status, state: 'paused-auth', detail: this.authPause.detail };
    if (this.appPause) return { ...status, state: 'paused-app-uuid', detail: this.appPause.detail };
    if (this.backoffUntil > now) return withDetail({ ...status, state: 'backing-off', nextTryAt: this.backoffUntil }, this.lastError);
    const nextDue = this.index.nextDue();
    if (this.inFlight > 0 || this.splits.length > 0 || (nextDue !== undefined && nextDue <= now)) return { ...status, state: 'syncing' };
    if (waiting > 0 && nextDue !== undefined) return withDetail({ ...status, state: 'backing-off', nextTryAt: nextDue }, this.lastError);
    return status;
  }

  /** Puts failed items back in the queue, or makes waiting ones due now; returns how many. */
  async retry(cause: 'yespo-rejected' | 'waiting-retry'): Promise<number> {
    const now = this.now();
    const tx = new Tx();
    const changed: Array<[OutboxItem, OutboxItem]> = [];
    for (const item of this.outbox.values()) {
      if (cause === 'yespo-rejected' && item.state === 'failed') {
        const { lastError: _e, lastAttemptAt: _a, ...rest } = item;
        changed.push([item, { ...rest, state: 'waiting', attempts: 0, nextAttemptAt: now }]);
        if (item.kind === 'token') {
          const key = subscriberKey(item.botId, item.chatId);
          const sub = this.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
          if (sub) tx.put(COLLECTIONS.subscribers, key, { ...sub, yespo: { state: 'pending' } });
        }
      } else if (cause === 'waiting-retry' && item.state === 'waiting' && item.attempts > 0 && !this.index.isClaimed(item.id)) {
        changed.push([item, { ...item, nextAttemptAt: now }]);
      }
    }
    for (const [, after] of changed) tx.put(COLLECTIONS.outbox, after.id, after);
    await this.commit(tx, changed);
    for (const [, after] of changed) this.index.index(after, now);
    if (cause === 'waiting-retry') {
      this.backoffUntil = 0;
      this.failureStreak = 0;
    }
    this.wakeLanes();
    this.notify();
    return changed.length;
  }

  /** Reads Yespo's undelivered reports now (also on a schedule). */
  pollActivity(): Promise<void> {
    return this.readActivity(true);
  }

  failures(): FailureGroup[] {
    return buildFailureGroups({
      subscribers: this.store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values(),
      outbox: this.outbox.values(),
      stored: this.store.collection<StoredFailure>(COLLECTIONS.failures).values(),
      subscriber: (botId, chatId) => this.store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(botId, chatId)),
    });
  }

  // ------------------------------------------------------------------ the worker

  private async lane(): Promise<void> {
    while (this.running) {
      const work = this.nextWork();
      if (!work) {
        await this.sleep();
        continue;
      }
      this.inFlight++;
      try {
        if (work.kind === 'tokens') await this.sendTokens(work.items);
        else if (work.kind === 'single') await this.sendSingle(work.item);
        else await this.checkStore();
      } catch (error) {
        // Every expected failure is handled inside, so this is a bug: log it and do not spin on it.
        this.logger.error({ err: error }, 'Yespo sync step failed');
        this.failureStreak++;
        this.backoffUntil = this.now() + retryDelay(this.failureStreak, { random: this.random, policy: this.timing.retry }) * this.timing.retryScale;
      } finally {
        this.inFlight--;
        this.notify();
      }
    }
  }

  private nextWork(): Work | null {
    const cfg = this.deps.config();
    const now = this.now();
    if (!cfg.apiKey || !cfg.appUuid || cfg.paused) return null;
    this.liftPausesIfConfigChanged(cfg);
    if (this.authPause || this.appPause) return null;
    if (this.storeFailed) return this.storeFailed.retryAt <= now ? { kind: 'store-check' } : null;
    if (now < this.backoffUntil) return null;
    const size = Math.min(clampBatch(cfg.batchSize), this.learnedMaxBatch);
    const split = this.splits.shift();
    if (split) {
      // Halves made before Yespo's size limit was learned are cut to it now.
      if (split.length > size) this.splits.unshift(split.slice(size));
      return { kind: 'tokens', items: split.slice(0, size) };
    }
    const tokens = this.index.take('token', now, size);
    if (tokens.length) return { kind: 'tokens', items: tokens };
    const [single] = this.index.take('other', now, 1);
    return single ? { kind: 'single', item: single } : null;
  }

  /** Until the next thing can happen; settings are looked at again at least every `idleCheckMs`. */
  private sleep(): Promise<void> {
    const cfg = this.deps.config();
    const now = this.now();
    let until: number | undefined;
    if (!cfg.apiKey || !cfg.appUuid || cfg.paused || this.authPause || this.appPause) until = undefined;
    else if (this.storeFailed) until = this.storeFailed.retryAt;
    else if (this.backoffUntil > now) until = this.backoffUntil;
    else until = this.index.nextDue();
    const wait = Math.max(1, Math.min(this.timing.idleCheckMs, until === undefined ? Infinity : until - now));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, clampDelay(wait, this.timing.idleCheckMs));
      this.sleepers.add(done);
    });
  }

  private wakeLanes(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private clientFor(cfg: YespoConfig): YespoClient {
    const id = `${cfg.apiRoot}\u0000${cfg.apiKey}`;
    if (this.client?.id !== id) {
      this.client = {
        id,
        client: new YespoClient({ apiRoot: cfg.apiRoot, apiKey: cfg.apiKey ?? '', timeoutMs: this.timing.timeoutMs, fetch: this.deps.fetch, signal: this.abort.signal }),
      };
    }
    return this.client.client;
  }

  // ------------------------------------------------------------------ token batches

  private async sendTokens(items: OutboxItem[]): Promise<void> {
    if (!(await this.durable())) {
      for (const item of items) this.index.release(item.id);
      return;
    }
    const cfg = this.deps.config();
    const prepared: Prepared[] = [];
    const dropped: OutboxItem[] = [];
    for (const item of items) {
      const current = this.outbox.get(item.id);
      const key = subscriberKey(item.botId, item.chatId);
      const sub = this.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
      if (!current || current.state !== 'waiting') continue;
      // Pushed once: a blocked or deleted chat, a vanished record, or a token Yespo already holds.
      if (!sub || sub.state !== 'active' || sub.tokenInYespo) dropped.push(current);
      else prepared.push({ item: current, key, ...tokenEntryFor(sub, cfg.externalIdPrefix) });
    }
    /** Items handed on to the halves of a split batch: they stay claimed. */
    const handedOn = new Set<string>();
    try {
      if (dropped.length) {
        const tx = new Tx();
        for (const item of dropped) tx.delete(COLLECTIONS.outbox, item.id);
        await this.commit(tx, dropped.map((item) => [item, undefined]));
      }
      if (!prepared.length) return;
      try {
        await this.clientFor(cfg).pushTokens(cfg.appUuid ?? '', prepared.map((p) => p.entry));
      } catch (error) {
        await this.onTokensRefused(prepared, error, handedOn);
        return;
      }
      await this.onTokensAccepted(prepared);
    } finally {
      // Done, failed or dropped items are no longer waiting, so releasing them only lets go of the claim.
      for (const item of items) if (!handedOn.has(item.id)) this.index.release(item.id);
    }
  }

  private async onTokensAccepted(prepared: Prepared[]): Promise<void> {
    const at = this.now();
    const tx = new Tx();
    const changes: Array<[OutboxItem, undefined]> = [];
    for (const p of prepared) {
      const current = this.outbox.get(p.item.id);
      if (current) {
        tx.delete(COLLECTIONS.outbox, p.item.id);
        changes.push([current, undefined]);
      }
      const sub = tx.read<StoredSubscriber>(this.store, COLLECTIONS.subscribers, p.key);
      if (!sub) continue;
      tx.patch<StoredSubscriber>(this.store, COLLECTIONS.subscribers, p.key, {
        // A chat blocked while the push was in flight loses the token at Yespo's next send.
        tokenInYespo: sub.state === 'active',
        yespo: { state: 'synced', pushedAt: at },
        pushed: { ...p.pushed, at },
      });
      tx.append(COLLECTIONS.events, p.key, { at, type: 'pushed', detail: `${p.identity.kind} ${p.identity.value}` } satisfies StoredEvent);
    }
    this.succeeded(tx, at);
    await this.commit(tx, changes);
  }

  private async onTokensRefused(prepared: Prepared[], error: unknown, handedOn: Set<string>): Promise<void> {
    if (await this.handledCommon(error, prepared.map((p) => p.item))) return;
    if (!(error instanceof YespoError) || error.status === undefined) throw error;
    const refusal = classifyRefusal(error.status, error.yespoText);
    if (refusal === 'duplicate') {
      await this.onTokensAccepted(prepared);
      return;
    }
    if (refusal === 'app-uuid') {
      this.pauseApp(error);
      return;
    }
    const plan = planRefusedBatch(prepared, refusal);
    if (plan.action === 'split') {
      if (plan.maxBatch) this.learnedMaxBatch = Math.max(MIN_BATCH, plan.maxBatch);
      this.logger.info({ size: prepared.length, reason: error.yespoText }, 'Yespo refused a batch; splitting it to find the bad item');
      this.splits.unshift(plan.parts[0].map((p) => p.item), plan.parts[1].map((p) => p.item));
      for (const p of prepared) handedOn.add(p.item.id);
      return;
    }
    await this.markFailed(plan.item.item, error, 'push-failed', true);
  }

  // ------------------------------------------------------------------ contact, mute, unmute

  private async sendSingle(item: OutboxItem): Promise<void> {
    let releaseAt: number | undefined;
    try {
      if (!(await this.durable())) return;
      const current = this.outbox.get(item.id);
      if (!current || current.state !== 'waiting') return;
      const key = subscriberKey(item.botId, item.chatId);
      const sub = this.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
      const update = sub && current.kind === 'contact' ? contactUpdateFor(sub) : null;
      if (!sub || (current.kind === 'contact' && !update)) {
        await this.commit(new Tx().delete(COLLECTIONS.outbox, item.id), [[current, undefined]]);
        return;
      }
      // Updates follow the token: the contact must exist, and the push itself may carry the data.
      const token = this.outbox.get(outboxId('token', item.botId, item.chatId));
      if (token?.state === 'waiting') {
        releaseAt = Math.max(token.nextAttemptAt, this.now()) + this.timing.idleCheckMs;
        return;
      }
      const cfg = this.deps.config();
      const client = this.clientFor(cfg);
      try {
        if (current.kind === 'contact' && update) await client.updateContact(update);
        else if (current.kind === 'mute') await client.mute(cfg.appUuid ?? '', String(item.chatId), current.seconds ?? MAX_MUTE_SECONDS);
        else await client.unmute(cfg.appUuid ?? '', String(item.chatId));
      } catch (error) {
        await this.onSingleRefused(current, error);
        return;
      }
      const at = this.now();
      const tx = new Tx().delete(COLLECTIONS.outbox, item.id);
      if (current.kind === 'contact') {
        const sent = [update?.phone && 'phone', update?.email && 'email', update?.firstName && 'name'].filter(Boolean).join(', ');
        tx.append(COLLECTIONS.events, key, { at, type: 'contact-updated', detail: sent } satisfies StoredEvent);
      }
      this.succeeded(tx, at);
      await this.commit(tx, [[current, undefined]]);
    } finally {
      this.index.release(item.id, releaseAt);
    }
  }

  private async onSingleRefused(item: OutboxItem, error: unknown): Promise<void> {
    if (await this.handledCommon(error, [item])) return;
    if (!(error instanceof YespoError) || error.status === undefined) throw error;
    if (item.kind === 'contact' && error instanceof YespoConflict) {
      // "Repeated request within 1 minute": the same update went through moments ago or is racing.
      await this.postpone([item], error.message, this.now() + this.timing.repeatWaitMs * this.timing.retryScale);
      return;
    }
    const refusal = classifyRefusal(error.status, error.yespoText);
    if (refusal === 'duplicate') {
      await this.commit(new Tx().delete(COLLECTIONS.outbox, item.id), [[item, undefined]]);
      return;
    }
    if (refusal === 'app-uuid' && item.kind !== 'contact') {
      this.pauseApp(error);
      return;
    }
    await this.markFailed(item, error, 'push-failed', false);
  }

  // ------------------------------------------------------------------ shared outcomes

  /** Network trouble, 429, 5xx, 401/403 and cancellation: the same for every kind of call. */
  private async handledCommon(error: unknown, items: OutboxItem[]): Promise<boolean> {
    if (error instanceof YespoNetworkError && error.aborted) return true;
    if (isTransient(error)) {
      const now = this.now();
      this.failureStreak++;
      const retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : undefined;
      const wait = retryDelay(this.failureStreak, { retryAfterMs, random: this.random, policy: this.timing.retry }) * this.timing.retryScale;
      this.backoffUntil = Math.max(this.backoffUntil, now + wait);
      if (this.lastError !== error.message || this.failureStreak === 1) this.logger.warn({ waitMs: Math.round(wait), streak: this.failureStreak }, error.message);
      this.lastError = error.message;
      this.notify();
      await this.postpone(items, error.message, this.backoffUntil);
      return true;
    }
    if (error instanceof YespoAuthError || error instanceof YespoPermissionError) {
      const cfg = this.deps.config();
      const detail =
        error instanceof YespoAuthError
          ? `Yespo doesn't accept this API key (401). Keys stop working after 90 days without use.`
          : `Yespo refused this API key (403${error.yespoText ? `: ${error.yespoText}` : ''}). It needs full access to the API.`;
      if (!this.authPause) this.logger.warn(detail);
      this.authPause = { value: cfg.apiKey, detail: errorText(detail) };
      this.notify();
      return true;
    }
    return false;
  }

  /** Persists attempts, the next attempt time and the error on items that will be tried again. */
  private async postpone(items: OutboxItem[], message: string, nextAttemptAt: number): Promise<void> {
    const now = this.now();
    const tx = new Tx();
    const changes: Array<[OutboxItem, OutboxItem]> = [];
    for (const item of items) {
      const current = this.outbox.get(item.id);
      if (!current || current.state !== 'waiting') continue;
      const next: OutboxItem = { ...current, attempts: current.attempts + 1, nextAttemptAt, lastError: message, lastAttemptAt: now };
      tx.put(COLLECTIONS.outbox, item.id, next);
      changes.push([current, next]);
    }
    await this.commit(tx, changes);
  }

  private async markFailed(item: OutboxItem, error: YespoError, event: 'push-failed', isToken: boolean): Promise<void> {
    const now = this.now();
    const text = error.yespoText ?? error.message;
    const current = this.outbox.get(item.id) ?? item;
    const failed: OutboxItem = { ...current, state: 'failed', attempts: current.attempts + 1, lastError: text, lastAttemptAt: now };
    const key = subscriberKey(item.botId, item.chatId);
    const tx = new Tx().put(COLLECTIONS.outbox, item.id, failed);
    const sub = this.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
    if (sub && isToken) tx.put(COLLECTIONS.subscribers, key, { ...sub, yespo: { state: 'failed', error: text } } satisfies StoredSubscriber);
    const what = isToken ? text : `${item.kind === 'contact' ? 'Contact update' : item.kind === 'mute' ? 'Mute' : 'Unmute'}: ${text}`;
    tx.append(COLLECTIONS.events, key, { at: now, type: event, detail: errorText(what) } satisfies StoredEvent);
    this.logger.warn({ chatId: item.chatId, kind: item.kind, reason: text }, 'Yespo refused an item');
    await this.commit(tx, [[current, failed]]);
  }

  private pauseApp(error: YespoError): void {
    const cfg = this.deps.config();
    const detail = `Yespo doesn't know this app_uuid (${error.status}${error.yespoText ? `: ${error.yespoText}` : ''}).`;
    if (!this.appPause) this.logger.warn(detail);
    this.appPause = { value: cfg.appUuid, detail: errorText(detail) };
    this.notify();
  }

  /** Adds the success bookkeeping to a commit: the key worked just now. */
  private succeeded(tx: Tx, at: number): void {
    this.failureStreak = 0;
    this.lastError = undefined;
    this.lastSuccessAt = at;
    tx.put(COLLECTIONS.meta, YESPO_META_KEY, { lastSuccessAt: at } satisfies YespoMeta);
  }

  private liftPausesIfConfigChanged(cfg: YespoConfig): void {
    if (this.authPause && this.authPause.value !== cfg.apiKey) this.authPause = null;
    if (this.appPause && this.appPause.value !== cfg.appUuid) this.appPause = null;
    if (this.forbiddenFor !== undefined && this.forbiddenFor !== cfg.apiKey) this.forbiddenFor = undefined;
  }

  // ------------------------------------------------------------------ store

  /**
   * Commits and keeps the outbox counts right. The counts move as the store applies the change (in
   * the same tick), so the store's change listener never counts it twice.
   */
  private async commit(tx: Tx, changes: Array<[OutboxItem, OutboxItem | undefined]>): Promise<void> {
    if (!tx.ops.length) return;
    let pending: Promise<void>;
    this.ownCommit = true;
    try {
      pending = this.store.commit(tx);
    } finally {
      this.ownCommit = false;
    }
    for (const [before, after] of changes) this.index.account(before, after);
    this.notify();
    try {
      await pending;
    } catch (error) {
      // The change is applied in memory and queued in the store; sending stops until it is on disk,
      // or a crash now would send these pushes again.
      this.storeFailed = { detail: (error as Error).message, retryAt: this.now() + this.timing.storeRetryMs };
      this.logger.error({ err: error }, 'The Yespo sync could not save its progress; sending is paused');
      this.notify();
    }
  }

  /**
   * Only what is on disk goes to Yespo: the outbox is followed in memory as changes are committed,
   * and a subscriber lost to a full disk must not be in Yespo twice (or at all) after a restart.
   */
  private async durable(): Promise<boolean> {
    try {
      await this.store.durable();
      return true;
    } catch (error) {
      this.storeFailed = { detail: (error as Error).message, retryAt: this.now() + this.timing.storeRetryMs };
      this.notify();
      return false;
    }
  }

  private async checkStore(): Promise<void> {
    try {
      await this.store.flush();
      this.storeFailed = null;
    } catch (error) {
      this.storeFailed = { detail: (error as Error).message, retryAt: this.now() + this.timing.storeRetryMs };
    }
  }

  /** Others' changes to the outbox (new subscribers, retries, mutes) go into the index as they come. */
  private onStoreChange(collections: Set<string>, records: readonly RecordChange[]): void {
    if (this.ownCommit || !collections.has(COLLECTIONS.outbox)) return;
    for (const r of records) {
      if (r.c !== COLLECTIONS.outbox) continue;
      const after = r.after as OutboxItem | undefined;
      this.index.account(r.before as OutboxItem | undefined, after);
      if (after?.state === 'waiting') this.index.index(after, after.nextAttemptAt);
    }
    this.wakeLanes();
    this.notify();
  }

  // ------------------------------------------------------------------ activity

  private scheduleActivity(delayMs: number): void {
    if (!this.running) return;
    if (this.activityTimer) clearTimeout(this.activityTimer);
    this.activityTimer = setTimeout(() => {
      this.activityTimer = null;
      void this.readActivity(false).finally(() => {
        const minutes = this.deps.config().activityPollMinutes;
        this.scheduleActivity(Math.max(1, Number.isFinite(minutes) && minutes > 0 ? minutes : 15) * this.timing.minuteMs);
      });
    }, clampDelay(delayMs));
  }

  private readActivity(onDemand: boolean): Promise<void> {
    if (this.activityRun) return this.activityRun;
    const cfg = this.deps.config();
    this.liftPausesIfConfigChanged(cfg);
    if (!cfg.apiKey || !cfg.appUuid || this.authPause) return Promise.resolve();
    if (!onDemand && (cfg.paused || this.activityForbidden)) return Promise.resolve();
    this.activityRun = (async () => {
      try {
        await readDeliveryFailures({
          store: this.store,
          client: this.clientFor(cfg),
          now: this.now,
          logger: this.logger,
          commit: (tx) => this.commitActivity(tx),
          pageRows: this.timing.activityPageRows,
        });
        if (this.forbiddenFor !== undefined) this.forbiddenFor = undefined;
        const at = this.now();
        const tx = new Tx();
        this.succeeded(tx, at);
        await this.commit(tx, []);
      } catch (error) {
        if (error instanceof YespoPermissionError) {
          if (this.forbiddenFor === undefined) this.logger.warn('This API key may not read contact activity, so Yespo delivery failures are not shown');
          this.forbiddenFor = cfg.apiKey;
        } else if (error instanceof YespoAuthError) {
          await this.handledCommon(error, []);
        } else if (!(error instanceof YespoNetworkError && error.aborted)) {
          this.logger.warn({ err: error }, 'Reading Yespo delivery failures failed; trying again at the next scheduled read');
        }
      } finally {
        this.activityRun = null;
        this.notify();
      }
    })();
    return this.activityRun;
  }

  /** Activity commits touch subscribers and failures only, never the outbox. */
  private async commitActivity(tx: Tx): Promise<void> {
    await this.commit(tx, []);
    if (this.storeFailed) throw new Error(this.storeFailed.detail);
  }

  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      try {
        this.deps.onChange();
      } catch (error) {
        this.logger.error({ err: error }, 'Sync status listener failed');
      }
    });
  }
}

function clampBatch(size: number): number {
  return Number.isFinite(size) ? Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.floor(size))) : 100;
}

function withDetail(status: SyncStatus, detail: string | undefined): SyncStatus {
  return detail ? { ...status, detail } : status;
}
