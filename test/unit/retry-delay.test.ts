import { describe, expect, it } from 'vitest';
import { clampDelay, DEFAULT_RETRY, MAX_TIMER_MS, parseRetryAfter, retryDelay } from '../../electron/core/retry-delay.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('obeys fractional seconds rather than hammering', () => {
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });
});

describe('retryDelay', () => {
  it('starts at the base and grows exponentially at the top of the jitter range', () => {
    expect(retryDelay(1, { random: () => 1 })).toBe(1_000);
    expect(retryDelay(2, { random: () => 1 })).toBe(2_000);
    expect(retryDelay(3, { random: () => 1 })).toBe(4_000);
    expect(retryDelay(6, { random: () => 1 })).toBe(32_000);
  });

  it('never goes below the base: full jitter above a 1 s floor', () => {
    for (const attempt of [1, 2, 5, 10, 30]) expect(retryDelay(attempt, { random: () => 0 })).toBe(DEFAULT_RETRY.baseMs);
  });

  it('spreads retries over the whole range', () => {
    expect(retryDelay(4, { random: () => 0.5 })).toBe(1_000 + 0.5 * 7_000);
  });

  it('caps at five minutes however many attempts failed', () => {
    expect(retryDelay(9, { random: () => 1 })).toBe(256_000);
    expect(retryDelay(10, { random: () => 1 })).toBe(300_000);
    expect(retryDelay(1_000, { random: () => 1 })).toBe(300_000);
  });

  it('uses Yespo’s Retry-After instead of its own guess, even above the backoff cap', () => {
    expect(retryDelay(1, { retryAfterMs: 7_000, random: () => 1 })).toBe(7_000);
    expect(retryDelay(20, { retryAfterMs: 0 })).toBe(0);
    expect(retryDelay(1, { retryAfterMs: 600_000 })).toBe(600_000);
  });

  it('cuts an absurd Retry-After to an hour', () => {
    expect(retryDelay(1, { retryAfterMs: 86_400_000 })).toBe(DEFAULT_RETRY.maxRetryAfterMs);
  });

  it('follows a custom policy (short timings in tests)', () => {
    const policy = { baseMs: 10, capMs: 50, maxRetryAfterMs: 100 };
    expect(retryDelay(1, { policy, random: () => 1 })).toBe(10);
    expect(retryDelay(5, { policy, random: () => 1 })).toBe(50);
    expect(retryDelay(1, { policy, retryAfterMs: 1_000 })).toBe(100);
  });

  it('treats nonsense attempt numbers as the first attempt', () => {
    expect(retryDelay(0, { random: () => 1 })).toBe(1_000);
    expect(retryDelay(-3, { random: () => 1 })).toBe(1_000);
  });
});

describe('clampDelay', () => {
  it('keeps a wait a timer can hold as it is', () => {
    expect(clampDelay(0)).toBe(0);
    expect(clampDelay(1_500)).toBe(1_500);
    expect(clampDelay(MAX_TIMER_MS)).toBe(MAX_TIMER_MS);
  });

  it('never hands setTimeout more than 2^31-1 ms, which Node would turn into 1 ms', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    expect(clampDelay(3_000_000_000_000)).toBe(MAX_TIMER_MS);
    expect(clampDelay(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
  });

  it('cuts to the caller’s limit, which cannot lift the timer’s own', () => {
    expect(clampDelay(90_000_000, 3_600_000)).toBe(3_600_000);
    expect(clampDelay(5_000, 3_600_000)).toBe(5_000);
    expect(clampDelay(3e12, 1e15)).toBe(MAX_TIMER_MS);
  });

  it('reads a negative wait as none and an unreadable one as the longest allowed, never as a hot loop', () => {
    expect(clampDelay(-5)).toBe(0);
    expect(clampDelay(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(clampDelay(Number.NaN, 60_000)).toBe(60_000);
    expect(clampDelay(Number.NaN)).toBe(MAX_TIMER_MS);
  });
});

describe('retryDelay with unreadable or huge inputs', () => {
  it('backs off by its own rule when Retry-After is NaN', () => {
    expect(retryDelay(3, { retryAfterMs: Number.NaN, random: () => 1 })).toBe(4_000);
  });

  it('keeps a policy with an oversized limit within what a timer holds', () => {
    const policy = { baseMs: 1_000, capMs: 1e13, maxRetryAfterMs: 1e13 };
    expect(retryDelay(1, { policy, retryAfterMs: 3e12 })).toBe(MAX_TIMER_MS);
    expect(retryDelay(60, { policy, random: () => 1 })).toBe(MAX_TIMER_MS);
  });
});
