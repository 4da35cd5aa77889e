import type { EngineApi } from '../contract/api.js';
import { ApiFailure } from '../contract/errors.js';
import { METHODS } from '../contract/methods.js';
import { EMPTY_SETUP } from '../setup/checks.js';
import { setupStateOf } from '../setup/setup-service.js';
import { StatusService } from '../status/status-service.js';
import { hostCalls } from './host-calls.js';
import type { EnginePhase, PhaseContext } from './phase.js';

const ZERO_COUNTS = { subscribers: 0, active: 0, blocked: 0, deleted: 0, unsubscribed: 0, inYespo: 0, newThisWeek: 0 };

/**
 * The engine without its data: the status (which says what is wrong with the folder), the setup
 * state, the keychain and the host, and nothing that needs the store. No service meets a missing store.
 */
export function degradedPhase({ options, vault, events }: PhaseContext, problem: string): EnginePhase {
  const host = options.host ?? null;
  const status = new StatusService({
    version: options.version,
    dataDir: options.dataDir,
    logger: options.logger,
    now: options.now ?? Date.now,
    vault,
    events,
    host,
    inputs: {
      setupComplete: () => false,
      paused: () => false,
      bot: () => ({ state: 'not-configured', retention: 'ok' }),
      sync: () => ({ state: 'store-failed', pending: 0, failed: 0, detail: problem }),
      store: () => ({ state: 'write-failed', folder: options.dataDir, detail: problem }),
      counts: () => ZERO_COUNTS,
      activityForbidden: () => false,
    },
  });
  const record = { ...EMPTY_SETUP, appUuid: options.overrides?.appUuid ?? null };
  const answers: Partial<EngineApi> = {
    getStatus: async () => status.status(),
    getSetup: () => setupStateOf(record, false, vault),
    checkKeychain: () => vault.checkKeychain(),
    ...hostCalls(host, options.dataDir),
  };
  const refuse = async (): Promise<never> => {
    throw new ApiFailure('store_failed', problem);
  };
  // Every other method of the contract answers with the folder's problem.
  const api = Object.fromEntries(METHODS.map((m) => [m, answers[m] ?? refuse])) as EngineApi;
  return {
    api,
    start: () => status.start(),
    stop: async () => status.stop(),
    suspend: () => {},
    resume: () => {},
    statusChanged: () => status.push(),
    busy: () => false,
  };
}
