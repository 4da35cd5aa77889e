import type { Host } from '../contract/host.js';
import type { BotStatus, Counts, Status, StoreStatus, SyncStatus } from '../contract/types.js';
import type { EngineEvents } from '../events.js';
import { logFileProblem, type Logger } from '../log.js';
import { redact } from '../redact.js';
import type { SecretVault } from '../secrets/vault.js';
import { notices } from './notices.js';

/** What the status is made of, from whichever services the engine has (a degraded engine has few). */
export interface StatusInputs {
  setupComplete(): boolean;
  paused(): boolean;
  bot(): BotStatus;
  sync(): SyncStatus;
  store(): StoreStatus;
  counts(): Counts;
  activityForbidden(): boolean;
}

export interface StatusDeps {
  version: string;
  dataDir: string;
  logger: Logger;
  now: () => number;
  vault: SecretVault;
  events: EngineEvents;
  host: Host | null;
  inputs: StatusInputs;
}

const HOUR = 3_600_000;

/** The engine's state in one object, with the sentences it means, pushed to the UI as it changes. */
export class StatusService {
  private started = false;
  private startedAt: number | null = null;
  private offlineGapHours: number | undefined;
  private statusTimer: NodeJS.Timeout | null = null;
  private subscribersTimer: NodeJS.Timeout | null = null;
  private subscriberChanges = 0;

  constructor(private readonly deps: StatusDeps) {}

  status(): Status {
    const { inputs, vault, logger } = this.deps;
    const keychain = vault.keychain();
    const logProblem = logFileProblem(logger);
    const base: Omit<Status, 'notices'> = {
      version: this.deps.version,
      dataDir: this.deps.dataDir,
      setupComplete: inputs.setupComplete(),
      paused: inputs.paused(),
      bot: inputs.bot(),
      sync: inputs.sync(),
      store: inputs.store(),
      logs: logProblem ? { state: 'stderr-only', detail: redact(logProblem) } : { state: 'ok' },
      keychain: keychain ? (keychain.ok ? 'ok' : 'unavailable') : 'unknown',
      counts: inputs.counts(),
    };
    const hoursSinceStart = this.startedAt === null ? 0 : (this.deps.now() - this.startedAt) / HOUR;
    return {
      ...base,
      notices: notices(base, {
        offlineGapHours: this.offlineGapHours,
        hoursSinceStart,
        activityForbidden: inputs.activityForbidden(),
        canStartAtLogin: this.deps.host?.capabilities.loginItem ?? false,
      }),
    };
  }

  /** From now on changes are pushed; `lastPollAt` (the last poll before this start) tells how long the app was off. */
  start(lastPollAt?: number): void {
    this.started = true;
    this.startedAt = this.deps.now();
    if (lastPollAt !== undefined) this.offlineGapHours = (this.startedAt - lastPollAt) / HOUR;
    this.deps.events.emit('status', this.status());
  }

  stop(): void {
    this.started = false;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.subscribersTimer) clearTimeout(this.subscribersTimer);
    this.statusTimer = this.subscribersTimer = null;
  }

  /** Something may have changed: the UI hears the status once, shortly, however many changes come. */
  push(): void {
    if (this.statusTimer || !this.started) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.deps.events.emit('status', this.status());
    }, 200);
  }

  pushSubscribers(): void {
    this.subscriberChanges++;
    if (this.subscribersTimer) return;
    this.subscribersTimer = setTimeout(() => {
      this.subscribersTimer = null;
      this.deps.events.emit('subscribers', { changed: this.subscriberChanges });
      this.subscriberChanges = 0;
    }, 500);
  }
}
