import type { EngineApi, EventPayloads, EventName, Status } from './contract/api.js';
import { ApiFailure } from './contract/errors.js';
import { EngineEvents } from './events.js';
import type { Logger } from './log.js';
import type { SecretStore } from './secrets/secret-store.js';

export interface EngineOptions {
  dataDir: string;
  version: string;
  secrets: SecretStore;
  logger: Logger;
  overrides?: { telegramApiRoot?: string; yespoApiRoot?: string; appUuid?: string };
}

export interface Engine {
  readonly api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  suspend(): void;
  resume(): void;
}

export function createEngine(options: EngineOptions): Engine {
  const events = new EngineEvents();
  const notReady = async (): Promise<never> => {
    throw new ApiFailure('not_ready', 'This part of the engine is being built.');
  };
  const status = (): Status => ({
    version: options.version,
    dataDir: options.dataDir,
    setupComplete: false,
    paused: false,
    bot: { state: 'not-configured', retention: 'ok' },
    sync: { state: 'not-configured', pending: 0, failed: 0 },
    store: { state: 'ok', folder: options.dataDir },
    keychain: 'unknown',
    counts: { subscribers: 0, active: 0, blocked: 0, deleted: 0, inYespo: 0, newThisWeek: 0 },
    notices: [{ code: 'setup-incomplete', severity: 'info', action: 'finish-setup' }],
  });
  const api: EngineApi = {
    getStatus: async () => status(),
    getSetup: notReady,
    saveSetupStep: notReady,
    checkKeychain: () => options.secrets.check(),
    setBotToken: notReady,
    switchBotToThisApp: notReady,
    setAppUuid: notReady,
    setYespoApiKey: notReady,
    completeSetup: notReady,
    getSettings: notReady,
    updateSettings: notReady,
    getDeepLink: notReady,
    disconnect: notReady,
    querySubscribers: notReady,
    getSubscriber: notReady,
    muteSubscriber: notReady,
    unmuteSubscriber: notReady,
    getStats: notReady,
    listFailures: notReady,
    retryFailures: notReady,
    syncNow: async () => status(),
    setPaused: async () => status(),
    getLiveTest: notReady,
  };
  return {
    api,
    on: (event, listener) => events.on(event, listener),
    async start() {
      events.emit('status', status());
    },
    async stop() {},
    suspend() {},
    resume() {},
  };
}
