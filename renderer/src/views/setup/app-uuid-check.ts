import type { SyncStatus } from '../../../../electron/core/contract/types.js';

/**
 * Yespo has no call that confirms a bot ID (app_uuid) without sending a subscriber to it: until a push
 * was accepted, a wrong one goes unnoticed. Null is a status not read yet.
 */
export function appUuidUnchecked(sync: SyncStatus | null): boolean {
  return !sync || sync.lastSuccessAt === undefined || sync.state === 'paused-app-uuid';
}
