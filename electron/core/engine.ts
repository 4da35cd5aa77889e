import type { EngineApi, EventName, EventPayloads } from './contract/api.js';
import { METHODS } from './contract/methods.js';
import { degradedPhase } from './engine/degraded.js';
import type { EngineOptions, EnginePhase } from './engine/phase.js';
import { runningPhase } from './engine/running.js';
import { EngineEvents } from './events.js';
import { redact } from './redact.js';
import { SecretVault } from './secrets/vault.js';
import { recordIsReadable } from './store/schema.js';
import { Store } from './store/store.js';

export type { EngineOptions } from './engine/phase.js';

export interface Engine {
  readonly api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  suspend(): void;
  resume(): void;
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

  // The shells hold on to this one object from before start: each call goes to the current phase.
  const api = Object.fromEntries(
    METHODS.map((method) => [method, (args: unknown) => (phase.api[method] as (a: unknown) => Promise<unknown>)(args)]),
  ) as EngineApi;

  return {
    api,
    on: (event, listener) => events.on(event, listener),
    async start() {
      // The keychain answers from its own thread while the data file is read and parsed.
      const secretsLoaded = vault.load();
      let store: Store | null = null;
      let problem = '';
      try {
        store = await Store.open(`${options.dataDir}/store`, { beforeWrite: options.beforeStoreWrite, checkRecord: recordIsReadable });
      } catch (error) {
        problem = redact(error instanceof Error ? error.message : String(error));
        options.logger.error({ err: error }, 'the data folder could not be opened');
      }
      await secretsLoaded;
      await vault.linkKey();
      phase = store ? runningPhase(context, store) : degradedPhase(context, problem);
      phase.start();
    },
    stop: () => phase.stop(),
    suspend: () => phase.suspend(),
    resume: () => phase.resume(),
  };
}
