import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { YespoClient } from './client.js';
import type { SyncGate } from './gate.js';
import type { YespoConfig } from './sync-config.js';

/** What the sync hands each of its parts. */
export interface SyncContext {
  store: Store;
  gate: SyncGate;
  /** Read fresh on every cycle: settings can change. */
  config: () => YespoConfig;
  /** The client for these settings, cancelled when the sync stops. */
  client: (cfg: YespoConfig) => YespoClient;
  now: () => number;
  logger: Logger;
  /** Called whenever the status may have changed. */
  notify: () => void;
}
