import type { EngineApi, EventName, EventPayloads } from './contract/api.js';
import { METHODS } from './contract/methods.js';
import { degradedPhase } from './engine/degraded.js';
import type { EngineOptions, EnginePhase } from './engine/phase.js';
import { runningPhase } from './engine/running.js';
import { EngineEvents } from './events.js';
import { redact } from './redact.js';
import { retryDelay, type RetryPolicy } from './retry-delay.js';
import { SecretVault } from './secrets/vault.js';
import { recordIsReadable } from './store/schema.js';
import { Store } from './store/store.js';
import { boundStoredList } from './subscribers/history-cap.js';

export type { EngineOptions } from './engine/phase.js';

/** How often a data folder that could not be opened is tried again (a drive plugged back in, a permission fixed). */
const REOPEN_RETRY: RetryPolicy = { baseMs: 2_000, capMs: 60_000, maxRetryAfterMs: 60_000 };

export interface Engine {
  readonly api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  suspend(): void;
  resume(): void;
  /** In the middle of a batch; the desktop's updater waits for this to clear before installing. */
  busy(): boolean;
}

/**
 * The composition root. It opens the data folder and reads the secrets (side by side), then runs
 * the whole engine on the open store, or, where the store cannot open, a degraded engine that
 * answers the status, the setup state and the keychain and explains the folder's problem.
 * Until then the API answers as the degraded engine with "not open yet".
 */
export function createEngine(options: EngineOptions): Engine {
  const events = new EngineEvents();
  const vault = new SecretVault({ secrets: options.secrets, onKeychainChange: () => phase.statusChanged() });
  const context = { options, vault, events };
  let phase: EnginePhase = degradedPhase(context, 'The data folder is not open yet.');
  // The updater lives in the shell for the whole run, whatever phase the engine is in.
  options.host?.updates?.onChange((state) => events.emit('updates', state));

  // The shells hold on to this one object from before start: each call goes to the current phase.
  const api = Object.fromEntries(
    METHODS.map((method) => [method, (args: unknown) => (phase.api[method] as (a: unknown) => Promise<unknown>)(args)]),
  ) as EngineApi;

  let reopenTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function openStore(): Promise<Store | { problem: string }> {
    try {
      return await Store.open(`${options.dataDir}/store`, { beforeWrite: options.beforeStoreWrite, checkRecord: recordIsReadable, boundList: boundStoredList });
    } catch (error) {
      options.logger.error({ err: error }, 'the data folder could not be opened');
      return { problem: redact(error instanceof Error ? error.message : String(error)) };
    }
  }

  /** Until the folder opens, the degraded engine answers; then the whole engine takes over, without a restart. */
  function reopenLater(attempt: number): void {
    const delay = retryDelay(attempt, { policy: REOPEN_RETRY }) * (options.timeScale ?? 1);
    reopenTimer = setTimeout(async () => {
      const opened = await openStore();
      if (stopped) {
        if (opened instanceof Store) await opened.close();
        return;
      }
      if (!(opened instanceof Store)) return reopenLater(attempt + 1);
      options.logger.info('the data folder can be used again');
      await phase.stop();
      phase = runningPhase(context, opened);
      phase.start();
    }, delay);
  }

  return {
    api,
    on: (event, listener) => events.on(event, listener),
    async start() {
      stopped = false;
      // The keychain answers from its own thread while the data file is read and parsed.
      const secretsLoaded = vault.load();
      const opened = await openStore();
      await secretsLoaded;
      await vault.linkKey();
      phase = opened instanceof Store ? runningPhase(context, opened) : degradedPhase(context, opened.problem);
      phase.start();
      if (!(opened instanceof Store)) reopenLater(1);
    },
    async stop() {
      stopped = true;
      if (reopenTimer) clearTimeout(reopenTimer);
      await phase.stop();
    },
    suspend: () => phase.suspend(),
    resume: () => phase.resume(),
    busy: () => phase.busy(),
  };
}
