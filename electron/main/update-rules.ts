/**
 * The updater's decisions, apart from electron-updater so they can be tested without Electron:
 * whether this build updates at all, when to look next, what each updater event means for the
 * screen, and whether quitting may install.
 */
import type { UpdateErrorReason, UpdateState } from '../core/contract/host.js';

/** Not in the first minutes: the engine's own start (first poll, first sync) comes first. */
export const FIRST_CHECK_DELAY_MS = 2 * 60_000;
export const CHECK_INTERVAL_MS = 4 * 3_600_000;
export const RETRY_AFTER_ERROR_MS = 3_600_000;

/** How long quitting waits for the engine to finish its batch and stop (main.ts's usual bound). */
const QUIT_WAIT_MS = 5_000;
/** With an update to install, a batch is given longer to finish, since the installer replaces the app. */
const QUIT_WAIT_BEFORE_INSTALL_MS = 30_000;

/**
 * electron-builder writes app-update.yml into the resources only when the build had a feed
 * (scripts/update-publish.ts); a development run has none to trust.
 */
export function updatesConfigured(isPackaged: boolean, appUpdateYml: string | null): boolean {
  return isPackaged && appUpdateYml !== null && /^provider:\s*\S/m.test(appUpdateYml);
}

/** Milliseconds until the next check, or null when none should be planned from this state. */
export function nextCheckDelay(state: UpdateState): number | null {
  switch (state.state) {
    case 'idle':
      return FIRST_CHECK_DELAY_MS;
    case 'up-to-date':
      return CHECK_INTERVAL_MS;
    case 'error':
      return RETRY_AFTER_ERROR_MS;
    default:
      return null;
  }
}

/** What electron-updater reports, reduced to what the state needs. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; error: unknown };

export function nextUpdateState(current: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  // A downloaded update stays installable at the quit, whatever a later check says.
  if (current.state === 'ready') return current;
  switch (event.type) {
    case 'checking':
      return { state: 'checking' };
    case 'available':
      return { state: 'downloading', version: event.version, percent: 0 };
    case 'not-available':
      return { state: 'up-to-date', checkedAt: now };
    case 'progress':
      if (current.state !== 'downloading' || !Number.isFinite(event.percent)) return current;
      return { ...current, percent: Math.min(100, Math.max(0, Math.floor(event.percent))) };
    case 'downloaded':
      return { state: 'ready', version: event.version };
    case 'error':
      return { state: 'error', reason: updateErrorReason(event.error), at: now };
  }
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const NO_RELEASE_CODES = new Set(['ERR_UPDATER_CHANNEL_FILE_NOT_FOUND', 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND', 'ERR_UPDATER_NO_PUBLISHED_VERSIONS', 'ERR_UPDATER_RELEASE_NOT_FOUND']);
const NOT_TRUSTED_CODES = new Set(['ERR_UPDATER_INVALID_SIGNATURE', 'ERR_CHECKSUM_MISMATCH']);
const DISK_CODES = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS']);

export function updateErrorReason(error: unknown): UpdateErrorReason {
  if (!(error instanceof Error)) return 'other';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (OFFLINE_CODES.has(code)) return 'offline';
    if (NO_RELEASE_CODES.has(code)) return 'no-release';
    if (NOT_TRUSTED_CODES.has(code)) return 'not-trusted';
    if (DISK_CODES.has(code)) return 'disk';
  }
  // Chromium's network stack (electron.net) and Squirrel.Mac report by message only.
  if (/net::ERR_/.test(error.message)) return 'offline';
  if (/code signature/i.test(error.message)) return 'not-trusted';
  return 'other';
}

export function quitWaitMs(update: UpdateState): number {
  return update.state === 'ready' ? QUIT_WAIT_BEFORE_INSTALL_MS : QUIT_WAIT_MS;
}

/** The installer replaces the app: never while a batch may be half done, so never after a stop that ran out of time. */
export function mayInstallOnQuit(input: { update: UpdateState; engineStopped: boolean; engineBusy: boolean }): boolean {
  return input.update.state === 'ready' && input.engineStopped && !input.engineBusy;
}
