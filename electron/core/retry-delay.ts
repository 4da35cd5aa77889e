/** How long to wait before trying Yespo again. Pure: the caller brings the clock and the dice. */
export interface RetryPolicy {
  /** The shortest wait, and the first one. */
  baseMs: number;
  /** The longest backoff of our own. */
  capMs: number;
  /** The longest `Retry-After` we obey; a larger one is treated as a mistake and cut to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

/** Node's timers hold a signed 32-bit count of milliseconds; above it they fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A wait a timer can hold: between 0 and `maxMs`, and never above `MAX_TIMER_MS`. An unreadable
 * wait (NaN) counts as the longest allowed: waiting too long mends itself, a hot loop does not.
 */
export function clampDelay(ms: number, maxMs: number = MAX_TIMER_MS): number {
  const limit = Math.min(Math.max(0, maxMs), MAX_TIMER_MS);
  if (Number.isNaN(ms)) return limit;
  return Math.min(Math.max(0, ms), limit);
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds
 * from `now`, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  // A bare number that is not whole (e.g. "1.5") is not valid HTTP, but a server that means seconds
  // is better obeyed than hammered.
  if (/^\d*\.\d+$/.test(text)) return Math.ceil(Number(text) * 1_000);
  // An HTTP date names its month; without that, Date.parse reads things like "-5" as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (1 for the first retry). Yespo's own wait wins when it sent
 * one. Otherwise exponential with full jitter above the base: a random point between `baseMs` and
 * `min(capMs, baseMs * 2^(attempt-1))`, so many clients that failed together do not return together.
 */
export function retryDelay(
  attempt: number,
  options: { retryAfterMs?: number; random?: () => number; policy?: RetryPolicy } = {},
): number {
  const policy = options.policy ?? DEFAULT_RETRY;
  if (options.retryAfterMs !== undefined && !Number.isNaN(options.retryAfterMs)) return clampDelay(options.retryAfterMs, policy.maxRetryAfterMs);
  const exponent = Math.min(Math.max(1, Math.floor(attempt)), 40) - 1;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const random = Math.min(Math.max((options.random ?? Math.random)(), 0), 1);
  return clampDelay(Math.round(policy.baseMs + random * Math.max(0, ceiling - policy.baseMs)));
}
