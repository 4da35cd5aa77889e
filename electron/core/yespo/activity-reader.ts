import { clampDelay } from '../retry-delay.js';
import type { Tx } from '../store/store.js';
import { readDeliveryFailures } from './activity.js';
import { YespoAuthError, YespoNetworkError, YespoPermissionError } from './errors.js';
import type { OutboxWriter } from './outbox-writer.js';
import type { SyncTiming } from './sync-config.js';
import type { SyncContext } from './sync-context.js';

/** When the setting is unreadable. */
const DEFAULT_POLL_MINUTES = 15;

export interface ActivityReaderDeps extends SyncContext {
  writer: OutboxWriter;
  timing: Pick<SyncTiming, 'activityPageRows' | 'minuteMs'>;
}

/**
 * Reads Yespo's delivery failures on a schedule and on demand, one read at a time. A key that may
 * not read activity (403) is a hint for the owner, not an error: scheduled reads stop asking until
 * the key changes.
 */
export class ActivityReader {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private run: Promise<boolean> | null = null;
  private rounds = 0;

  constructor(private readonly deps: ActivityReaderDeps) {}

  /** How many scheduled reads have come round, whether they read or had nothing to do. */
  get scheduledReads(): number {
    return this.rounds;
  }

  start(firstDelayMs: number): void {
    this.running = true;
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.run?.catch(() => {});
  }

  /**
   * `onDemand` reads even while the owner paused the sync or the key may not read activity. Resolves
   * to whether the reports were read to the end, so "Check now" can say when they could not be.
   */
  read(onDemand: boolean): Promise<boolean> {
    if (this.run) return this.run;
    const { gate } = this.deps;
    const cfg = this.deps.config();
    if (!cfg.apiKey || !cfg.appUuid || gate.lift(cfg).auth) return Promise.resolve(false);
    if (!onDemand && (cfg.paused || gate.activityForbidden)) return Promise.resolve(false);
    this.run = (async () => {
      try {
        await readDeliveryFailures({
          store: this.deps.store,
          client: this.deps.client(cfg),
          now: this.deps.now,
          logger: this.deps.logger,
          commit: (tx) => this.commit(tx),
          pageRows: this.deps.timing.activityPageRows,
        });
        gate.allowActivity();
        await this.deps.writer.keyWorked();
        return true;
      } catch (error) {
        if (error instanceof YespoPermissionError) gate.forbidActivity(cfg.apiKey);
        else if (error instanceof YespoAuthError) gate.pauseAuth(error, cfg.apiKey);
        else if (!(error instanceof YespoNetworkError && error.aborted)) {
          this.deps.logger.warn({ err: error }, 'Reading Yespo delivery failures failed; trying again at the next scheduled read');
        }
        return false;
      } finally {
        this.run = null;
        this.deps.notify();
      }
    })();
    return this.run;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.read(false).finally(() => {
        this.rounds++;
        const minutes = this.deps.config().activityPollMinutes;
        this.schedule(Math.max(1, Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_POLL_MINUTES) * this.deps.timing.minuteMs);
      });
    }, clampDelay(delayMs));
  }

  /** Activity commits touch subscribers and failures only, never the outbox. */
  private async commit(tx: Tx): Promise<void> {
    await this.deps.writer.commit(tx, []);
    const failed = this.deps.gate.state.storeFailed;
    if (failed) throw new Error(failed.detail);
  }
}
