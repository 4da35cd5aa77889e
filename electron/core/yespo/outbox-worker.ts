import { clampDelay } from '../retry-delay.js';
import { COLLECTIONS, outboxId, subscriberKey, type OutboxItem, type StoredSubscriber } from '../store/schema.js';
import { YespoAuthError, YespoConflict, YespoError, YespoNetworkError, YespoPermissionError, isTransient } from './errors.js';
import { eventBody } from './events.js';
import { contactUpdateFor, tokenEntryFor } from './identity.js';
import type { OutboxIndex } from './outbox-index.js';
import type { OutboxWriter, PreparedToken } from './outbox-writer.js';
import { classifyRefusal, planRefusedBatch } from './split.js';
import { lookUpToken, mayHoldToken } from './token-lookup.js';
import type { SyncTiming, YespoConfig } from './sync-config.js';
import type { SyncContext } from './sync-context.js';

const MIN_BATCH = 1;
const MAX_BATCH = 5_000;

type Work = { kind: 'tokens'; items: OutboxItem[] } | { kind: 'single'; item: OutboxItem } | { kind: 'store-check' };

export interface OutboxWorkerDeps extends SyncContext {
  outbox: ReadonlyMap<string, OutboxItem>;
  index: OutboxIndex;
  writer: OutboxWriter;
  timing: SyncTiming;
}

/**
 * Sends the outbox to Yespo: token pushes in batches, contact updates, mutes and unmutes one by one.
 * Each lane takes due work from the index and waits for its outcome to be committed before it takes
 * more, so a crash re-sends at most one batch per lane. A refused batch is halved until the bad item
 * stands alone.
 */
export class OutboxWorker {
  private running = false;
  private lanes: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** Per lane: how many times it looked for work and found none it may do. */
  private looks: number[] = [];
  /** Token batches being halved after a 400: sent before anything new. Their items stay claimed. */
  private splits: OutboxItem[][] = [];
  /** A batch size Yespo refused as too large halves this for the rest of the session. */
  private learnedMaxBatch = MAX_BATCH;
  private inFlight = 0;

  constructor(private readonly deps: OutboxWorkerDeps) {}

  /** Requests in flight, or halves of a split batch still to send. */
  get busy(): boolean {
    return this.inFlight > 0 || this.splits.length > 0;
  }

  /** How many times every lane has looked for work and found none it may do. */
  get idleLooks(): number {
    return this.looks.length ? Math.min(...this.looks) : 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const lanes = Math.max(1, this.deps.timing.lanes);
    this.looks = new Array<number>(lanes).fill(0);
    this.lanes = Array.from({ length: lanes }, (_, lane) => this.lane(lane));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
    // Halves of a split batch go back to the outbox as they are; the next start splits again.
    for (const part of this.splits.splice(0)) for (const item of part) this.deps.index.release(item.id);
  }

  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private async lane(lane: number): Promise<void> {
    while (this.running) {
      const work = this.nextWork();
      if (!work) {
        this.looks[lane]++;
        await this.sleep();
        continue;
      }
      this.inFlight++;
      try {
        if (work.kind === 'tokens') await this.sendTokens(work.items);
        else if (work.kind === 'single') await this.sendSingle(work.item);
        else await this.deps.writer.checkStore();
      } catch (error) {
        // Every expected failure is handled inside, so this is a bug: log it and do not spin on it.
        this.deps.logger.error({ err: error }, 'Yespo sync step failed');
        this.deps.gate.backOff();
      } finally {
        this.inFlight--;
        this.deps.notify();
      }
    }
  }

  private nextWork(): Work | null {
    const cfg = this.deps.config();
    const decision = this.deps.gate.decide(cfg);
    if (decision.kind === 'check-store') return { kind: 'store-check' };
    if (decision.kind === 'wait') return null;
    const now = this.deps.now();
    const size = Math.min(clampBatch(cfg.batchSize), this.learnedMaxBatch);
    const split = this.splits.shift();
    if (split) {
      // Halves made before Yespo's size limit was learned are cut to it now.
      if (split.length > size) this.splits.unshift(split.slice(size));
      return { kind: 'tokens', items: split.slice(0, size) };
    }
    const tokens = this.deps.index.take('token', now, size);
    if (tokens.length) return { kind: 'tokens', items: tokens };
    const [single] = this.deps.index.take('other', now, 1);
    return single ? { kind: 'single', item: single } : null;
  }

  /** Until the next thing can happen; settings are looked at again at least every `idleCheckMs`. */
  private sleep(): Promise<void> {
    const { idleCheckMs } = this.deps.timing;
    const now = this.deps.now();
    const decision = this.deps.gate.decide(this.deps.config());
    const until = decision.kind === 'send' ? this.deps.index.nextDue() : decision.kind === 'check-store' ? now : decision.until;
    const wait = Math.max(1, Math.min(idleCheckMs, until === undefined ? Infinity : until - now));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, clampDelay(wait, idleCheckMs));
      this.sleepers.add(done);
    });
  }

  /**
   * The settings to send with, read once the outbox is on disk: waiting for the disk can take long
   * enough for the owner to change them, and a key held back for a new API root must not go there.
   */
  private async sendableConfig(): Promise<YespoConfig | null> {
    if (!(await this.deps.writer.durable())) return null;
    const cfg = this.deps.config();
    return this.deps.gate.decide(cfg).kind === 'send' ? cfg : null;
  }

  private async sendTokens(items: OutboxItem[]): Promise<void> {
    const { store, outbox, writer, index } = this.deps;
    const cfg = await this.sendableConfig();
    if (!cfg) {
      for (const item of items) index.release(item.id);
      return;
    }
    const ready: Array<{ item: OutboxItem; key: string; sub: StoredSubscriber }> = [];
    const dropped: OutboxItem[] = [];
    for (const item of items) {
      const current = outbox.get(item.id);
      const key = subscriberKey(item.botId, item.chatId);
      const sub = store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
      if (!current || current.state !== 'waiting') continue;
      // Pushed once: a blocked or deleted chat, a vanished record, or a token Yespo already holds.
      if (!sub || sub.state !== 'active' || sub.tokenInYespo) dropped.push(current);
      else ready.push({ item: current, key, sub });
    }
    /** Items handed on to the halves of a split batch: they stay claimed. */
    const handedOn = new Set<string>();
    try {
      if (dropped.length) await writer.drop(dropped);
      if (!ready.length) return;
      const prepared: PreparedToken[] = await Promise.all(
        ready.map(async ({ item, key, sub }) => {
          const lookup = mayHoldToken(sub) ? await lookUpToken(this.deps.client(cfg), cfg.appUuid ?? '', String(sub.chatId), this.deps.now) : undefined;
          return { item, key, lookup, ...tokenEntryFor(sub, cfg.externalIdPrefix, lookup?.contactId) };
        }),
      );
      try {
        await this.deps.client(cfg).pushTokens(cfg.appUuid ?? '', prepared.map((p) => p.entry));
      } catch (error) {
        await this.onTokensRefused(prepared, error, handedOn);
        return;
      }
      await writer.tokensAccepted(prepared);
    } finally {
      // Done, failed or dropped items are no longer waiting, so releasing them only lets go of the claim.
      for (const item of items) if (!handedOn.has(item.id)) index.release(item.id);
    }
  }

  private async onTokensRefused(prepared: PreparedToken[], error: unknown, handedOn: Set<string>): Promise<void> {
    if (await this.handledCommon(error, prepared.map((p) => p.item))) return;
    if (!(error instanceof YespoError) || error.status === undefined) throw error;
    const refusal = classifyRefusal(error.status, error.yespoText);
    if (refusal === 'duplicate') {
      await this.deps.writer.tokensAccepted(prepared);
      return;
    }
    if (refusal === 'app-uuid') {
      this.deps.gate.pauseApp(error, this.deps.config().appUuid);
      return;
    }
    const plan = planRefusedBatch(prepared, refusal);
    if (plan.action === 'split') {
      if (plan.maxBatch) this.learnedMaxBatch = Math.max(MIN_BATCH, plan.maxBatch);
      this.deps.logger.info({ size: prepared.length, reason: error.yespoText }, 'Yespo refused a batch; splitting it to find the bad item');
      this.splits.unshift(plan.parts[0].map((p) => p.item), plan.parts[1].map((p) => p.item));
      for (const p of prepared) handedOn.add(p.item.id);
      return;
    }
    await this.deps.writer.markFailed(plan.item.item, error);
  }

  private async sendSingle(item: OutboxItem): Promise<void> {
    const { store, outbox, writer } = this.deps;
    let releaseAt: number | undefined;
    try {
      const cfg = await this.sendableConfig();
      if (!cfg) return;
      const current = outbox.get(item.id);
      if (!current || current.state !== 'waiting') return;
      const sub = store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(item.botId, item.chatId));
      // A mute or unmute needs only the chat id: a forgotten subscriber's mute goes without a record.
      const update = sub && current.kind === 'contact' ? contactUpdateFor(sub) : null;
      if (current.kind === 'contact' && !update) {
        await writer.drop([current]);
        return;
      }
      // Updates follow the token: the contact must exist, and the push itself may carry the data.
      const token = outbox.get(outboxId('token', item.botId, item.chatId));
      if (token?.state === 'waiting') {
        releaseAt = Math.max(token.nextAttemptAt, this.deps.now()) + this.deps.timing.idleCheckMs;
        return;
      }
      // An event applies to the contact the token went to; never pushed, there is none.
      const event = current.kind === 'event' && current.event && sub ? eventBody(current.event, sub) : null;
      if (current.kind === 'event' && !event) {
        await writer.drop([current]);
        return;
      }
      const client = this.deps.client(cfg);
      try {
        if (update) await client.updateContact(update);
        else if (event) await client.sendEvent(event);
        else if (current.kind === 'mute') await client.mute(cfg.appUuid ?? '', String(item.chatId), current.seconds);
        else await client.unmute(cfg.appUuid ?? '', String(item.chatId));
      } catch (error) {
        await this.onSingleRefused(current, error);
        return;
      }
      await writer.singleDone(current, update);
    } finally {
      this.deps.index.release(item.id, releaseAt);
    }
  }

  private async onSingleRefused(item: OutboxItem, error: unknown): Promise<void> {
    if (await this.handledCommon(error, [item])) return;
    if (!(error instanceof YespoError) || error.status === undefined) throw error;
    const { writer, timing } = this.deps;
    if (item.kind === 'contact' && error instanceof YespoConflict) {
      // "Repeated request within 1 minute": the same update went through moments ago or is racing.
      await writer.postpone([item], error.message, this.deps.now() + timing.repeatWaitMs * timing.retryScale);
      return;
    }
    const refusal = classifyRefusal(error.status, error.yespoText);
    if (refusal === 'duplicate') {
      await writer.drop([item]);
      return;
    }
    if (refusal === 'app-uuid' && (item.kind === 'mute' || item.kind === 'unmute')) {
      this.deps.gate.pauseApp(error, this.deps.config().appUuid);
      return;
    }
    await writer.markFailed(item, error);
  }

  /** Network trouble, 429, 5xx, 401/403 and cancellation: the same for every kind of call. */
  private async handledCommon(error: unknown, items: OutboxItem[]): Promise<boolean> {
    if (error instanceof YespoNetworkError && error.aborted) return true;
    const { gate } = this.deps;
    if (isTransient(error)) {
      gate.backOff('retryAfterMs' in error ? error.retryAfterMs : undefined, error.message);
      await this.deps.writer.postpone(items, error.message, gate.state.backoffUntil);
      return true;
    }
    if (error instanceof YespoAuthError || error instanceof YespoPermissionError) {
      gate.pauseAuth(error, this.deps.config().apiKey);
      return true;
    }
    return false;
  }
}

function clampBatch(size: number): number {
  return Number.isFinite(size) ? Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.floor(size))) : 100;
}
