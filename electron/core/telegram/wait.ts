import { clampDelay } from '../retry-delay.js';
import { RETENTION_WARNING_HOURS } from '../status/notices.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The longest a 429 may stop us: Telegram has asked for days, longer than it keeps updates. */
export const TELEGRAM_MAX_WAIT_MS = HOUR;
/** Once the retention warning is near or past, a long wait is cut to this: one gentle try a minute. */
const NEAR_RETENTION_WAIT_MS = MINUTE;
/** What grammY's callers have always assumed when a 429 names no readable wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * How long to obey a 429's `retry_after` (seconds). At most an hour, and not past the moment the
 * retention warning would show for `lastPollAt`, since updates older than 24 hours are gone for good.
 */
export function telegramWaitMs(retryAfterSeconds: number, at: { now: number; lastPollAt?: number }): number {
  const asked = Number.isNaN(retryAfterSeconds) ? DEFAULT_RETRY_AFTER_SECONDS : retryAfterSeconds;
  let limit = TELEGRAM_MAX_WAIT_MS;
  if (at.lastPollAt !== undefined) {
    const untilWarning = at.lastPollAt + RETENTION_WARNING_HOURS * HOUR - at.now;
    limit = Math.min(limit, Math.max(NEAR_RETENTION_WAIT_MS, untilWarning));
  }
  return clampDelay(asked * 1_000, limit);
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3_600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}

/** The status detail of a 429 wait, with the engine's local time of the next try. */
export function rateLimitDetail(retryAfterSeconds: number, nextTryAt: number): string {
  const at = new Date(nextTryAt);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return `Telegram asked to wait ${duration(retryAfterSeconds)}; trying again at ${hhmm}`;
}
