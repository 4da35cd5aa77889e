import type { BotStatus, Notice, Status, SyncStatus } from '../contract/types.js';

const HOUR = 60 * 60_000;
/** Telegram keeps updates 24 hours; we warn with time to spare. */
export const RETENTION_WARNING_HOURS = 20;
export const RETENTION_HOURS = 24;
/** How long after a start the "the app was off for N hours" notice stays: long enough to be seen. */
export const OFFLINE_NOTICE_HOURS = 12;
/** Yespo disables keys unused for 90 days. */
export const API_KEY_IDLE_WARNING_DAYS = 75;

export function retention(lastPollAt: number | undefined, now: number): { retention: BotStatus['retention']; offlineHours?: number } {
  if (lastPollAt === undefined) return { retention: 'ok' };
  const hours = (now - lastPollAt) / HOUR;
  if (hours >= RETENTION_HOURS) return { retention: 'exceeded', offlineHours: Math.floor(hours) };
  if (hours >= RETENTION_WARNING_HOURS) return { retention: 'warning', offlineHours: Math.floor(hours) };
  return { retention: 'ok' };
}

/**
 * The sentences the home screen and the tray show, most urgent first. Pure: status in, notices out.
 * `offlineGapHours` is how long the app was off before this start (a retention risk already taken);
 * it is told for the first hours after the start, then the home screen goes quiet again.
 */
export function notices(s: Omit<Status, 'notices'>, extra: { offlineGapHours?: number; hoursSinceStart?: number; activityForbidden?: boolean; canStartAtLogin?: boolean }): Notice[] {
  const list: Notice[] = [];
  const add = (n: Notice): void => void list.push(n);
  // Start at login is the desktop app's answer to a long time offline; without a desktop there is no button.
  const loginItem = extra.canStartAtLogin === false ? {} : { action: 'enable-login-item' as const };
  if (s.store.state === 'write-failed') add({ code: 'store-write-failed', severity: 'error', action: 'show-data-folder', params: { folder: s.store.folder } });
  if (s.keychain === 'unavailable') add({ code: 'keychain-locked', severity: 'error', action: 'keychain-help' });
  if (s.logs.state === 'stderr-only') add({ code: 'log-file-failed', severity: 'info', action: 'show-data-folder', params: { folder: s.store.folder } });
  if (!s.setupComplete) {
    add({ code: 'setup-incomplete', severity: 'info', action: 'finish-setup' });
    return list;
  }
  if (s.paused) add({ code: 'paused', severity: 'warning', action: 'resume' });
  const bot = s.bot;
  if (bot.state === 'token-rejected') add({ code: 'token-rejected', severity: 'error', action: 'enter-token' });
  if (bot.state === 'webhook-set') add({ code: 'webhook-set', severity: 'error', action: 'switch-bot' });
  if (bot.state === 'conflict') add({ code: 'second-poller', severity: 'warning' });
  if (s.sync.state === 'paused-auth') add({ code: 'api-key-rejected', severity: 'error', action: 'enter-api-key' });
  if (s.sync.state === 'paused-app-uuid') add({ code: 'app-uuid-wrong', severity: 'error', action: 'enter-app-uuid' });
  if (bot.retention === 'exceeded') add({ code: 'offline-exceeded', severity: 'error', ...loginItem, params: { hours: bot.offlineHours ?? RETENTION_HOURS } });
  else if (bot.retention === 'warning') add({ code: 'offline-warning', severity: 'warning', ...loginItem, params: { hours: bot.offlineHours ?? RETENTION_WARNING_HOURS } });
  else if (extra.offlineGapHours !== undefined && extra.offlineGapHours >= RETENTION_WARNING_HOURS && (extra.hoursSinceStart ?? 0) < OFFLINE_NOTICE_HOURS) {
    const hours = Math.floor(extra.offlineGapHours);
    add({ code: hours >= RETENTION_HOURS ? 'offline-exceeded' : 'offline-warning', severity: hours >= RETENTION_HOURS ? 'error' : 'warning', ...loginItem, params: { hours } });
  }
  if (bot.state === 'backing-off') add({ code: 'telegram-unreachable', severity: 'warning' });
  if (bot.state === 'rate-limited') add({ code: 'rate-limited', severity: 'info' });
  if (s.sync.state === 'backing-off' && s.sync.pending > 0) add({ code: 'pushes-waiting', severity: 'warning', action: 'retry-sync', params: { pending: s.sync.pending } });
  if (s.sync.failed > 0) add({ code: 'push-rejected', severity: 'warning', action: 'show-failures', params: { failed: s.sync.failed } });
  if (s.sync.apiKeyIdleDays !== undefined && s.sync.apiKeyIdleDays >= API_KEY_IDLE_WARNING_DAYS) add({ code: 'api-key-idle', severity: 'warning', action: 'enter-api-key', params: { days: s.sync.apiKeyIdleDays } });
  if (s.store.state === 'recovered') add({ code: 'store-recovered', severity: 'warning', action: 'show-data-folder', params: { folder: s.store.movedAside ?? s.store.folder } });
  if (extra.activityForbidden) add({ code: 'activity-forbidden', severity: 'info' });
  const rank = { error: 0, warning: 1, info: 2, ok: 3 } as const;
  list.sort((a, b) => rank[a.severity] - rank[b.severity]);
  if (list.length === 0) {
    const starting = bot.state === 'connecting' || syncStarting(s.sync);
    add(starting ? { code: 'starting', severity: 'info' } : { code: 'all-good', severity: 'ok' });
  }
  return list;
}

function syncStarting(sync: SyncStatus): boolean {
  return sync.state === 'syncing' && sync.pending > 0 && sync.lastSuccessAt === undefined;
}
