import type { Status } from '../../electron/core/contract/types.js';

/** The engine's status when all is well: set up, polling, nothing waiting, 21 subscribers, an all-good notice. */
export function healthyStatus(patch: Partial<Status> = {}): Status {
  return {
    version: '0.1.0',
    dataDir: '/tmp/data',
    setupComplete: true,
    paused: false,
    bot: { state: 'polling', retention: 'ok' },
    sync: { state: 'idle', pending: 0, failed: 0 },
    store: { state: 'ok', folder: '/tmp/data' },
    logs: { state: 'ok' },
    keychain: 'ok',
    counts: { subscribers: 21, active: 20, blocked: 1, deleted: 0, unsubscribed: 0, inYespo: 21, newThisWeek: 3 },
    notices: [{ code: 'all-good', severity: 'ok' }],
    ...patch,
  };
}
