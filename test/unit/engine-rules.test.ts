import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../electron/core/retry-delay.js';
import type { Status } from '../../electron/core/contract/types.js';
import { applyPatch, DEFAULT_SETTINGS, withDefaults } from '../../electron/core/settings/settings.js';
import { notices, retention } from '../../electron/core/status/notices.js';
import type { ReplyItem } from '../../electron/core/store/schema.js';
import { dueReplies } from '../../electron/core/telegram/replies.js';
import { parseStart } from '../../electron/core/telegram/start-command.js';
import { classifyTelegramError } from '../../electron/core/telegram/telegram-errors.js';
import { DEFAULT_BOT_TEXTS, pickText } from '../../electron/core/telegram/texts.js';
import { chooseIdentity, normalizeEmail, normalizePhone } from '../../electron/core/yespo/identity.js';
import { signPayload, verifyPayload } from '../../electron/core/links/signing.js';
import { healthyStatus } from '../support/healthy-status.js';

describe('/start parsing', () => {
  it('reads payloads by Telegram’s rule and treats anything else as none', () => {
    expect(parseStart('/start')).toEqual({ payload: null });
    expect(parseStart('/start promo_2024-A')).toEqual({ payload: 'promo_2024-A' });
    expect(parseStart('/start@shop_bot abc', 'Shop_Bot')).toEqual({ payload: 'abc' });
    expect(parseStart('/start@other_bot abc', 'shop_bot')).toBeNull();
    expect(parseStart('/start hello world')).toEqual({ payload: null });
    expect(parseStart(`/start ${'a'.repeat(65)}`)).toEqual({ payload: null });
    expect(parseStart('/started')).toBeNull();
    expect(parseStart('hello')).toBeNull();
  });
});

describe('bot texts', () => {
  it('answers in Ukrainian for uk users, falls back to English and to the defaults', () => {
    const texts = { ...DEFAULT_BOT_TEXTS, thanks: { en: 'Thanks!', uk: '' } };
    expect(pickText(texts, 'welcome', 'uk')).toBe(DEFAULT_BOT_TEXTS.welcome.uk);
    expect(pickText(texts, 'welcome', 'de')).toBe(DEFAULT_BOT_TEXTS.welcome.en);
    expect(pickText(texts, 'thanks', 'uk')).toBe('Thanks!');
  });
});

describe('identifiers', () => {
  it('prefers the contact holding the token, then a signed identity, phone, email, then the chat id', () => {
    const signedIdentity = { kind: 'contactId' as const, value: '77' };
    expect(chooseIdentity({ chatId: 5, phone: '380501234567', signedIdentity, heldBy: 88 }, 'tg-')).toEqual({ kind: 'contactId', value: '88', reason: 'token-lookup' });
    expect(chooseIdentity({ chatId: 5, phone: '380501234567', email: 'a@b.co', signedIdentity }, 'tg-')).toEqual({ kind: 'contactId', value: '77', reason: 'signed-link' });
    expect(chooseIdentity({ chatId: 5, phone: '380501234567', email: 'a@b.co' }, 'tg-')).toEqual({ kind: 'phone', value: '380501234567', reason: 'phone' });
    expect(chooseIdentity({ chatId: 5, email: 'a@b.co' }, 'tg-')).toEqual({ kind: 'email', value: 'a@b.co', reason: 'email' });
    expect(chooseIdentity({ chatId: 5 }, 'shop:')).toEqual({ kind: 'externalCustomerId', value: 'shop:5', reason: 'anonymous' });
  });
  it('keeps digits of phones and checks email syntax', () => {
    expect(normalizePhone('+38 (050) 123-45-67')).toBe('380501234567');
    expect(normalizePhone('12')).toBeNull();
    expect(normalizeEmail('  olena@квіти.укр ')).toBeNull();
    expect(normalizeEmail(' olena@flowers.ua ')).toBe('olena@flowers.ua');
    expect(normalizeEmail('olena@flowers')).toBeNull();
  });
});

describe('signed deep links', () => {
  const secret = 'k'.repeat(43);
  it('round-trips and fits Telegram’s 64 characters', () => {
    const p = signPayload(secret, 'externalCustomerId', 'crm-000042')!;
    expect(p).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(verifyPayload(secret, p)).toEqual({ kind: 'externalCustomerId', value: 'crm-000042' });
    expect(verifyPayload(secret, signPayload(secret, 'contactId', '123456')!)).toEqual({ kind: 'contactId', value: '123456' });
    expect(signPayload(secret, 'externalCustomerId', 'x'.repeat(35))).toBeNull();
    expect(signPayload(secret, 'externalCustomerId', 'x'.repeat(34))?.length).toBe(64);
  });
  it('refuses a tampered, foreign or unsigned payload', () => {
    const p = signPayload(secret, 'externalCustomerId', 'crm-1')!;
    const flipped = p.slice(0, 5) + (p[5] === 'A' ? 'B' : 'A') + p.slice(6);
    expect(verifyPayload(secret, flipped)).toBeNull();
    expect(verifyPayload('other'.repeat(9), p)).toBeNull();
    expect(verifyPayload(secret, 'instagram')).toBeNull();
    expect(verifyPayload(secret, 'seAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
  });
  it('refuses a payload whose - or _ became + or / (the same bytes to a lenient decoder; found by the property test)', () => {
    const swapped = (p: string) => p.replace(/[-_]/, (c) => (c === '-' ? '+' : '/'));
    const ids = Array.from({ length: 40 }, (_, n) => `crm-${n}`);
    const payloads = ids.map((id) => signPayload(secret, 'externalCustomerId', id)!).filter((p) => /[-_]/.test(p));
    expect(payloads.length).toBeGreaterThan(0);
    for (const p of payloads) expect(verifyPayload(secret, swapped(p))).toBeNull();
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter between the floor and the cap', () => {
    const policy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 60_000 };
    expect(retryDelay(1, { policy, random: () => 0 })).toBe(1_000);
    expect(retryDelay(4, { policy, random: () => 1 })).toBe(8_000);
    expect(retryDelay(21, { policy, random: () => 1 })).toBe(60_000);
    expect(retryDelay(21, { policy, random: () => 0.5 })).toBe(30_500);
  });
});

describe('reply pacing', () => {
  const item = (id: string, chatId: number, at = 0): ReplyItem => ({ id, botId: 1, chatId, message: 'welcome', createdAt: at, nextAttemptAt: at, attempts: 0 });
  it('sends one per chat per second and at most the budget, oldest first', () => {
    const items = [item('a1', 1), item('a2', 1), item('b1', 2), item('c1', 3), item('d1', 4, 5_000)];
    expect(dueReplies(items, new Map(), 1_000, 25).map((i) => i.id)).toEqual(['a1', 'b1', 'c1']);
    expect(dueReplies(items, new Map([[1, 600]]), 1_000, 25).map((i) => i.id)).toEqual(['b1', 'c1']);
    expect(dueReplies(items, new Map(), 1_000, 2).map((i) => i.id)).toEqual(['a1', 'b1']);
  });
});

describe('Telegram errors', () => {
  const g = (code: number, description: string, parameters: object = {}) =>
    new GrammyError('call failed', { ok: false, error_code: code, description, parameters } as never, 'getUpdates', {});
  it('tells the documented cases apart', () => {
    expect(classifyTelegramError(g(401, 'Unauthorized')).kind).toBe('unauthorized');
    expect(classifyTelegramError(g(404, 'Not Found')).kind).toBe('unauthorized');
    expect(classifyTelegramError(g(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")).kind).toBe('webhook-set');
    expect(classifyTelegramError(g(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running')).kind).toBe('conflict');
    expect(classifyTelegramError(g(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 7 });
    expect(classifyTelegramError(g(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect(classifyTelegramError(g(403, 'Forbidden: user is deactivated')).kind).toBe('deactivated');
    expect(classifyTelegramError(g(500, 'Internal Server Error: restart')).kind).toBe('transient');
  });
  it('redacts the token from network errors and knows when a send surely did not go out', () => {
    const refused = new HttpError("Network request for 'sendMessage' failed! https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0/sendMessage", Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    const c = classifyTelegramError(refused);
    expect(c).toMatchObject({ kind: 'transient', maybeDelivered: false });
    expect(c.detail).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0');
    expect(classifyTelegramError(new HttpError('failed', Object.assign(new Error('reset'), { code: 'ECONNRESET' })))).toMatchObject({ maybeDelivered: true });
  });
});

describe('settings', () => {
  it('fills new defaults in, patches texts per language and trims API roots', () => {
    const stored = withDefaults({ askPhone: true, texts: { welcome: { en: 'Hi', uk: '' } } as never });
    expect(stored.askPhone).toBe(true);
    expect(stored.texts.thanks).toEqual(DEFAULT_SETTINGS.texts.thanks);
    const next = applyPatch(stored, { texts: { welcome: { uk: 'Привіт' } }, yespoApiRoot: 'https://api.yespo.io/api/' });
    expect(next.texts.welcome).toEqual({ en: 'Hi', uk: 'Привіт' });
    expect(next.yespoApiRoot).toBe('https://api.yespo.io/api');
  });
});

describe('status notices', () => {
  const base: Omit<Status, 'notices'> = healthyStatus();
  it('is quiet when all is well', () => {
    expect(notices(base, {})).toEqual([{ code: 'all-good', severity: 'ok' }]);
  });
  it('puts what needs the operator first, with its action', () => {
    const list = notices({ ...base, sync: { state: 'backing-off', pending: 37, failed: 0 }, bot: { state: 'token-rejected', retention: 'ok' } }, {});
    expect(list.map((n) => n.code)).toEqual(['token-rejected', 'pushes-waiting']);
    expect(list[1]).toMatchObject({ action: 'retry-sync', params: { pending: 37 } });
  });
  it('warns before Telegram’s 24 hours run out and says plainly when they did', () => {
    const hour = 3_600_000;
    expect(retention(0, 19 * hour)).toEqual({ retention: 'ok' });
    expect(retention(0, 21 * hour)).toEqual({ retention: 'warning', offlineHours: 21 });
    expect(retention(0, 30 * hour)).toEqual({ retention: 'exceeded', offlineHours: 30 });
    expect(notices(base, { offlineGapHours: 22.5 })[0]).toMatchObject({ code: 'offline-warning', params: { hours: 22 }, action: 'enable-login-item' });
    expect(notices(base, { offlineGapHours: 26 })[0]).toMatchObject({ code: 'offline-exceeded' });
    expect(notices(base, { offlineGapHours: 26, hoursSinceStart: 13 })).toEqual([{ code: 'all-good', severity: 'ok' }]);
  });
  it('asks to finish setup before anything else but a broken disk or keychain', () => {
    expect(notices({ ...base, setupComplete: false, keychain: 'unavailable' }, {}).map((n) => n.code)).toEqual(['keychain-locked', 'setup-incomplete']);
  });
});
