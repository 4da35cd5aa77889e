import type { FailureGroup, SyncStatus } from '../contract/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { COLLECTIONS, subscriberKey, type OutboxItem, type StoredFailure, type StoredSubscriber } from '../store/schema.js';
import { ActivityReader } from './activity-reader.js';
import { YespoClient } from './client.js';
import { ACTIVITY_META_KEY, type ActivityMeta } from './activity.js';
import { FAILURES_DROPPED_KEY, type DroppedFailures } from './failure-cap.js';
import { buildFailureGroups, countUndeliveredSince } from './failures.js';
import { SyncGate } from './gate.js';
import { OutboxIndex } from './outbox-index.js';
import { OutboxWorker } from './outbox-worker.js';
import { OutboxWriter } from './outbox-writer.js';
import { DEFAULT_TIMING, type SyncTiming, type YespoConfig } from './sync-config.js';

export type { SyncTiming, YespoConfig } from './sync-config.js';

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

/** The parts that work on one store. */
interface OnStore {
  store: Store;
  outbox: ReadonlyMap<string, OutboxItem>;
  index: OutboxIndex;
  writer: OutboxWriter;
  worker: OutboxWorker;
  reader: ActivityReader;
}

/**
 * Sends the outbox to Yespo and reads Yespo's delivery failures back: the gate decides when, the
 * worker sends, the writer records what Yespo answered, the reader fetches delivery reports.
 *
 * Nothing leaves the outbox until Yespo's 200 for it is committed, and each lane waits for that commit
 * to be durable before it sends again, so a crash re-sends at most the batches in flight (one per lane).
 */
export class YespoSync {
  private readonly now: () => number;
  private readonly timing: SyncTiming;
  private readonly gate: SyncGate;
  /** Built on first use: the engine may construct the sync before its store has opened (or when it failed to). */
  private bound: OnStore | null = null;
  private running = false;
  private abort = new AbortController();
  private client: { id: string; client: YespoClient } | null = null;
  private unfollow: (() => void) | null = null;
  private notifyQueued = false;

  constructor(private readonly deps: YespoSyncDeps) {
    this.now = deps.now ?? Date.now;
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.gate = new SyncGate({ logger: deps.logger, now: this.now, random: deps.random ?? Math.random, notify: () => this.notify(), timing: this.timing });
  }

  /** True after Yespo refused to show activity to this key (403): a hint for the owner, not an error. */
  /** A batch of pushes is out at Yespo, or its answer is being recorded. */
  get busy(): boolean {
    return this.running && this.parts().worker.busy;
  }

  get activityForbidden(): boolean {
    return this.gate.activityForbidden;
  }

  /** How many times every lane has looked for work and found none it may do: a signal to wait on. */
  get idleLooks(): number {
    return this.parts().worker.idleLooks;
  }

  /** How many scheduled delivery-report reads have come round: a signal to wait on. */
  get scheduledReads(): number {
    return this.parts().reader.scheduledReads;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.client = null;
    this.gate.start();
    const { index, writer, worker, reader } = this.parts();
    this.unfollow = writer.follow(() => {
      worker.wake();
      this.notify();
    });
    index.rebuild();
    writer.readLastSuccess();
    worker.start();
    reader.start(this.timing.activityFirstDelayMs);
    this.notify();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    this.unfollow?.();
    this.unfollow = null;
    const { worker, reader } = this.parts();
    const reading = reader.stop();
    await worker.stop();
    await reading;
    this.notify();
  }

  wake(): void {
    if (this.running) this.parts().worker.wake();
  }

  syncNow(): void {
    this.gate.syncNow();
    if (!this.running) return;
    const { index, worker } = this.parts();
    index.rebuild(this.now());
    worker.wake();
    this.notify();
  }

  status(): SyncStatus {
    const { index, worker, writer } = this.parts();
    const status = this.gate.status(this.deps.config(), { counts: index.counts, busy: worker.busy, nextDue: index.nextDue(), lastSuccessAt: writer.lastSuccessAt });
    const reportsReadAt = this.reportsReadAt();
    return reportsReadAt === undefined ? status : { ...status, reportsReadAt };
  }

  /** Puts failed items back in the queue, or makes waiting ones due now; returns how many. */
  async retry(cause: 'yespo-rejected' | 'waiting-retry'): Promise<number> {
    const { writer, worker } = this.parts();
    const queued = await writer.retry(cause);
    if (cause === 'waiting-retry') this.gate.clearBackoff();
    worker.wake();
    this.notify();
    return queued;
  }

  /** Reads Yespo's undelivered reports now (also on a schedule); true when they were read to the end. */
  pollActivity(): Promise<boolean> {
    return this.parts().reader.read(true);
  }

  /** When the delivery reports were last read completely (kept in the store, so it survives a restart). */
  reportsReadAt(): number | undefined {
    return this.parts().store.get<ActivityMeta>(COLLECTIONS.meta, ACTIVITY_META_KEY)?.lastReadAt;
  }

  /** Newsletters Yespo reported undelivered since `since` (epoch ms). */
  undeliveredSince(since: number): number {
    return countUndeliveredSince(this.parts().store.collection<StoredFailure>(COLLECTIONS.failures).values(), since);
  }

  failures(): FailureGroup[] {
    const { store, outbox } = this.parts();
    return buildFailureGroups({
      subscribers: store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values(),
      outbox: outbox.values(),
      stored: store.collection<StoredFailure>(COLLECTIONS.failures).values(),
      subscriber: (botId, chatId) => store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(botId, chatId)),
      dropped: store.get<DroppedFailures>(COLLECTIONS.meta, FAILURES_DROPPED_KEY),
    });
  }

  private parts(): OnStore {
    const store = this.deps.store;
    if (this.bound?.store !== store) this.bound = this.build(store);
    return this.bound;
  }

  private build(store: Store): OnStore {
    const outbox = store.collection<OutboxItem>(COLLECTIONS.outbox);
    const index = new OutboxIndex(outbox);
    index.rebuild();
    const { logger, config } = this.deps;
    const shared = { store, gate: this.gate, config, logger, now: this.now, notify: () => this.notify(), client: (cfg: YespoConfig) => this.clientFor(cfg) };
    const writer = new OutboxWriter({ ...shared, outbox, index });
    const worker = new OutboxWorker({ ...shared, outbox, index, writer, timing: this.timing });
    const reader = new ActivityReader({ ...shared, writer, timing: this.timing });
    return { store, outbox, index, writer, worker, reader };
  }

  /** One client per API root and key, cancelled when the sync stops. */
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

  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      try {
        this.deps.onChange();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'Sync status listener failed');
      }
    });
  }
}
