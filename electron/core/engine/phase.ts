import type { EngineApi } from '../contract/api.js';
import type { Host } from '../contract/host.js';
import type { FileSaver } from '../files/save-job.js';
import type { EngineEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SecretVault } from '../secrets/vault.js';
import type { EngineOverrides } from '../settings/settings-service.js';
import type { SyncTiming } from '../yespo/sync.js';

export interface EngineOptions {
  dataDir: string;
  version: string;
  secrets: SecretStore;
  logger: Logger;
  overrides?: EngineOverrides;
  /** The desktop shell's side of the host contract; absent in the headless shell. */
  host?: Host;
  /**
   * Where files for the owner (the export, diagnostics, backups) go: the headless shell's downloads.
   * Without it a host with a save dialog saves where the owner chooses, and a shell with neither cannot save.
   */
  saver?: FileSaver;
  /** Tests: a clock, and a factor for every wait (poll timeouts, backoffs). */
  now?: () => number;
  timeScale?: number;
  pollTimeoutSeconds?: number;
  /** Tests: simulate a full disk. */
  beforeStoreWrite?: () => void;
  /** Tests: shorter waits in the Yespo sync. */
  yespoTiming?: Partial<SyncTiming>;
}

/** What the engine is while it runs: all of it on an open store, or the degraded part without one. */
export interface EnginePhase {
  readonly api: EngineApi;
  start(): void;
  stop(): Promise<void>;
  suspend(): void;
  resume(): void;
  /** Something the status shows changed outside the phase (the keychain). */
  statusChanged(): void;
  /** In the middle of a batch (Telegram updates being saved, pushes out at Yespo): not the moment to be replaced. */
  busy(): boolean;
}

/** What every phase is built from. */
export interface PhaseContext {
  options: EngineOptions;
  vault: SecretVault;
  events: EngineEvents;
}
