import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../../electron/core/retry-delay.js';
import { RETENTION_WARNING_HOURS } from '../../electron/core/status/notices.js';
import { classifyTelegramError } from '../../electron/core/telegram/telegram-errors.js';
import { rateLimitDetail, TELEGRAM_MAX_WAIT_MS, telegramWaitMs } from '../../electron/core/telegram/wait.js';

const HOUR = 3_600_000;
const now = Date.parse('2025-03-01T10:00:00Z');

describe('telegramWaitMs', () => {
  it('obeys a modest retry_after', () => {
    expect(telegramWaitMs(7, { now })).toBe(7_000);
    expect(telegramWaitMs(7, { now, lastPollAt: now - 1_000 })).toBe(7_000);
  });

  it('waits at most an hour however long Telegram asks', () => {
    expect(TELEGRAM_MAX_WAIT_MS).toBe(HOUR);
    expect(telegramWaitMs(90_000, { now })).toBe(HOUR);
    expect(telegramWaitMs(3_000_000_000, { now })).toBe(HOUR);
    expect(telegramWaitMs(Number.POSITIVE_INFINITY, { now })).toBe(HOUR);
  });

  it('does not let the wait run past the retention warning', () => {
    const lastPollAt = now - (RETENTION_WARNING_HOURS * HOUR - 10 * 60_000);
    expect(telegramWaitMs(90_000, { now, lastPollAt })).toBe(10 * 60_000);
  });

  it('tries once a minute when the retention warning has passed, rather than not at all or in a loop', () => {
    const lastPollAt = now - 23 * HOUR;
    expect(telegramWaitMs(90_000, { now, lastPollAt })).toBe(60_000);
    expect(telegramWaitMs(5, { now, lastPollAt })).toBe(5_000);
  });

  it('reads an unreadable retry_after as the usual five seconds', () => {
    expect(telegramWaitMs(Number.NaN, { now })).toBe(5_000);
    expect(telegramWaitMs(-3, { now })).toBe(0);
  });

  it('never exceeds what a timer holds', () => {
    for (const asked of [1e9, 1e12, 1e300]) expect(telegramWaitMs(asked, { now })).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});

describe('rateLimitDetail', () => {
  it('says how long Telegram asked for and when the app tries again, in local time', () => {
    const at = now + HOUR;
    const d = new Date(at);
    const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(rateLimitDetail(90_000, at)).toBe(`Telegram asked to wait 25 h; trying again at ${hhmm}`);
    expect(rateLimitDetail(42, at)).toBe(`Telegram asked to wait 42 s; trying again at ${hhmm}`);
    expect(rateLimitDetail(600, at)).toBe(`Telegram asked to wait 10 min; trying again at ${hhmm}`);
  });
});

describe('a 429 from Telegram', () => {
  const tooMany = (parameters: object) =>
    new GrammyError('call failed', { ok: false, error_code: 429, description: 'Too Many Requests', parameters } as never, 'getUpdates', {});

  it('keeps a huge retry_after for the wait rule to cut, and reads garbage as five seconds', () => {
    expect(classifyTelegramError(tooMany({ retry_after: 3_000_000_000 }))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 3_000_000_000 });
    expect(classifyTelegramError(tooMany({ retry_after: 'soon' }))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 5 });
    expect(classifyTelegramError(tooMany({}))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 5 });
  });
});
