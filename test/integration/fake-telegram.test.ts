import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, GrammyError, HttpError } from 'grammy';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from '../fakes/telegram/server.js';

const OTHER_POLL =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const WEBHOOK_ACTIVE =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.18.0</center></body></html>';

const running: FakeTelegram[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

/** timeScale 0.01 by default: a 50 s poll lasts 0.5 s, the 3 s conflict pacing 30 ms. */
async function setup(options: FakeTelegramOptions = {}): Promise<{ fake: FakeTelegram; api: Api }> {
  const fake = await startFakeTelegram({ timeScale: 0.01, ...options });
  running.push(fake);
  return { fake, api: new Api(fake.token, { apiRoot: fake.url }) };
}

async function untilLongPoll(fake: FakeTelegram): Promise<void> {
  await vi.waitFor(() => expect(fake.longPollActive()).toBe(true), { timeout: 2_000, interval: 2 });
}

function manualClock(start = Date.UTC(2030, 0, 1, 12)): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

async function rawCall(fake: FakeTelegram, path: string, init?: RequestInit): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${fake.url}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

describe('fake Telegram: identity and routing', () => {
  it('answers getMe with the bot profile and a token of the Bot API shape', async () => {
    const { fake, api } = await setup({ botId: 424242, username: 'shop_bot' });
    expect(fake.token).toMatch(/^424242:AA[A-Za-z0-9_-]{33}$/);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 424242, is_bot: true, username: 'shop_bot', can_join_groups: true });
    expect(fake.botId).toBe(424242);
    expect(fake.botUsername).toBe('shop_bot');
  });

  it('answers 404 "Not Found" for a malformed token path and "method not found" for unknown methods', async () => {
    const { fake } = await setup();
    const malformed = await rawCall(fake, '/botabc/getMe');
    expect(malformed.status).toBe(404);
    expect(JSON.parse(malformed.body)).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const unknown = await rawCall(fake, `/bot${fake.token}/getEverything`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
  });

  it('matches method names case-insensitively and accepts GET query strings and url-encoded forms', async () => {
    const { fake } = await setup();
    const user = fake.user();
    fake.start(user);
    const viaGet = await rawCall(fake, `/bot${fake.token}/GETME`);
    expect(JSON.parse(viaGet.body)).toMatchObject({ ok: true, result: { id: fake.botId } });
    const viaQuery = JSON.parse((await rawCall(fake, `/bot${fake.token}/getUpdates?limit=1&allowed_updates=%5B%22message%22%5D`)).body);
    expect(viaQuery.result).toHaveLength(1);
    expect(fake.stickyAllowedUpdates()).toEqual(['message']);
    const viaForm = await rawCall(fake, `/bot${fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(user.id), text: 'hi', reply_markup: '{"remove_keyboard":true}' }).toString(),
    });
    expect(viaForm.status).toBe(200);
    expect(fake.sent).toEqual([expect.objectContaining({ chatId: user.id, text: 'hi', replyMarkup: { remove_keyboard: true } })]);
  });

  it('answers 401 to a wrong token and to every token after revokeToken, until a new one is issued', async () => {
    const { fake, api } = await setup({ botId: 1000 });
    const wrong = new Api(`1000:AA${'x'.repeat(33)}`, { apiRoot: fake.url });
    await expect(wrong.getMe()).rejects.toMatchObject({ error_code: 401, description: 'Unauthorized' });
    await expect(api.getMe()).resolves.toMatchObject({ id: 1000 });
    fake.revokeToken();
    const error = await api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 401, description: 'Unauthorized' });
    const fresh = fake.issueToken();
    expect(fresh).not.toBe(api.token);
    await expect(new Api(fresh, { apiRoot: fake.url }).getMe()).resolves.toMatchObject({ id: 1000 });
    await expect(api.getMe()).rejects.toMatchObject({ error_code: 401 });
  });

  it('records logOut and close as forbidden calls and still answers ok', async () => {
    const { fake, api } = await setup();
    await expect(api.logOut()).resolves.toBe(true);
    await expect(api.close()).resolves.toBe(true);
    expect(fake.forbiddenCalls.map((c) => c.method)).toEqual(['logOut', 'close']);
  });
});

describe('fake Telegram: update shapes', () => {
  it('builds /start messages with a bot_command entity and the payload', async () => {
    const clock = manualClock();
    const { fake, api } = await setup({ now: clock.now, firstUpdateId: 500 });
    const user = fake.user(undefined, { first_name: 'Olena', last_name: 'K', username: 'olena', language_code: 'uk' });
    fake.start(user);
    fake.start(user, 'src_instagram-1');
    const [plain, withPayload] = await api.getUpdates();
    const from = { id: user.id, is_bot: false, first_name: 'Olena', last_name: 'K', username: 'olena', language_code: 'uk' };
    expect(plain).toEqual({
      update_id: 500,
      message: {
        message_id: 1,
        from,
        chat: { id: user.id, first_name: 'Olena', last_name: 'K', username: 'olena', type: 'private' },
        date: Math.floor(clock.now() / 1000),
        text: '/start',
        entities: [{ offset: 0, length: 6, type: 'bot_command' }],
      },
    });
    expect(withPayload.update_id).toBe(501);
    expect(withPayload.message).toMatchObject({ message_id: 2, text: '/start src_instagram-1', entities: [{ offset: 0, length: 6, type: 'bot_command' }] });
    expect(user.id).toBeGreaterThan(2 ** 32);
  });

  it('builds contact messages for the own and a foreign contact', async () => {
    const { fake, api } = await setup();
    const user = fake.user(undefined, { first_name: 'Ivan' });
    fake.shareContact(user, { phone: '380501234567' });
    fake.shareContact(user, { phone: '+15550001', userId: 42 });
    const [own, foreign] = await api.getUpdates();
    expect(own.message?.contact).toEqual({ phone_number: '380501234567', first_name: 'Ivan', user_id: user.id });
    expect(foreign.message?.contact).toMatchObject({ phone_number: '+15550001', user_id: 42 });
    expect(foreign.message?.from?.id).toBe(user.id);
  });

  it('sends my_chat_member only on block and unblock, and /start by a blocked user unblocks first', async () => {
    const { fake, api } = await setup();
    const user = fake.user();
    fake.start(user);
    fake.block(user);
    fake.block(user);
    fake.start(user);
    const updates = await api.getUpdates();
    expect(updates.map((u) => Object.keys(u)[1])).toEqual(['message', 'my_chat_member', 'my_chat_member', 'message']);
    const blocked = updates[1].my_chat_member;
    expect(blocked).toMatchObject({
      chat: { id: user.id, type: 'private' },
      from: { id: user.id, is_bot: false },
      old_chat_member: { user: { id: fake.botId, is_bot: true, username: fake.botUsername }, status: 'member' },
      new_chat_member: { user: { id: fake.botId, is_bot: true }, status: 'kicked', until_date: 0 },
    });
    expect(typeof blocked?.date).toBe('number');
    expect(updates[2].my_chat_member).toMatchObject({ old_chat_member: { status: 'kicked' }, new_chat_member: { status: 'member' } });
  });

  it('queues injected raw updates as they are, assigning update_id when missing', async () => {
    const { fake, api } = await setup({ firstUpdateId: 10 });
    fake.injectRaw({ message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 1, type: 'private' } } });
    fake.injectRaw({ update_id: 'weird', edited_message: null });
    const updates: unknown[] = await api.getUpdates();
    expect(updates).toEqual([
      { update_id: 10, message: { message_id: 1, date: expect.any(Number), chat: { id: 1, type: 'private' } } },
      { update_id: 'weird', edited_message: null },
    ]);
  });
});

describe('fake Telegram: getUpdates queue semantics', () => {
  it('redelivers until an offset confirms, then forgets everything below the offset', async () => {
    const { fake, api } = await setup({ firstUpdateId: 100 });
    const user = fake.user();
    for (let i = 0; i < 3; i += 1) fake.text(user, `m${i}`);
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([100, 101, 102]);
    expect((await api.getUpdates({ offset: 100 })).map((u) => u.update_id)).toEqual([100, 101, 102]);
    expect(fake.pendingCount()).toBe(3);
    expect((await api.getUpdates({ offset: 102 })).map((u) => u.update_id)).toEqual([102]);
    expect(fake.pendingCount()).toBe(1);
    expect(fake.confirmedUpTo()).toBe(101);
    expect(await api.getUpdates({ offset: 103 })).toEqual([]);
    expect(fake.pendingCount()).toBe(0);
    expect(fake.confirmedUpTo()).toBe(102);
    expect(fake.getUpdatesCalls.map((c) => c.offset)).toEqual([undefined, 100, 102, 103]);
    expect(fake.getUpdatesCalls[1]).toMatchObject({ status: 200, updateIds: [100, 101, 102] });
  });

  it('clamps limit to 1..100', async () => {
    const { fake, api } = await setup();
    const user = fake.user();
    for (let i = 0; i < 150; i += 1) fake.text(user, `m${i}`);
    expect(await api.getUpdates({ limit: 2 })).toHaveLength(2);
    expect(await api.getUpdates({ limit: 0 })).toHaveLength(1);
    expect(await api.getUpdates({ limit: 500 })).toHaveLength(100);
    expect(await api.getUpdates()).toHaveLength(100);
  });

  it('serves a negative offset from the end of the queue and forgets what lies before it', async () => {
    const { fake, api } = await setup({ firstUpdateId: 1 });
    const user = fake.user();
    for (let i = 0; i < 4; i += 1) fake.text(user, `m${i}`);
    expect((await api.getUpdates({ offset: -1 })).map((u) => u.update_id)).toEqual([4]);
    expect(fake.pendingCount()).toBe(1);
  });

  it('confirms everything for an offset just past the tail but answers a far-future offset from the head', async () => {
    const { fake, api } = await setup({ firstUpdateId: 1000 });
    const user = fake.user();
    fake.text(user, 'a');
    fake.text(user, 'b');
    expect(await api.getUpdates({ offset: 1005 })).toEqual([]);
    expect(fake.pendingCount()).toBe(0);
    fake.text(user, 'c');
    expect((await api.getUpdates({ offset: 5_000 })).map((u) => u.update_id)).toEqual([1002]);
    expect(fake.pendingCount()).toBe(1);
  });

  it('after an id-space reset answers the stored (now future) offset from the queue head without confirming', async () => {
    const { fake, api } = await setup({ firstUpdateId: 900_000 });
    const user = fake.user();
    fake.start(user);
    const [first] = await api.getUpdates();
    expect(first.update_id).toBe(900_000);
    expect(await api.getUpdates({ offset: 900_001 })).toEqual([]);
    fake.resetIdSpace(7);
    fake.start(user);
    expect((await api.getUpdates({ offset: 900_001 })).map((u) => u.update_id)).toEqual([7]);
    expect(fake.pendingCount()).toBe(1);
    expect(await api.getUpdates({ offset: 8 })).toEqual([]);
    expect(fake.pendingCount()).toBe(0);
    expect(fake.confirmedUpTo()).toBe(7);
  });

  it('refuses an id-space reset while updates are pending', async () => {
    const { fake } = await setup();
    fake.start(fake.user());
    expect(() => fake.resetIdSpace(1)).toThrow(/pending/);
  });

  it('drops updates older than 24 hours by their date', async () => {
    const clock = manualClock();
    const { fake, api } = await setup({ now: clock.now, firstUpdateId: 1 });
    const early = fake.user();
    const late = fake.user();
    fake.start(early);
    clock.advance(3_600_000);
    fake.start(late);
    clock.advance(23 * 3_600_000);
    expect((await api.getUpdates()).map((u) => u.message?.from?.id)).toEqual([early.id, late.id]);
    clock.advance(1_000);
    expect(fake.pendingCount()).toBe(1);
    expect((await api.getUpdates()).map((u) => u.message?.from?.id)).toEqual([late.id]);
  });

  it('keeps allowed_updates sticky and applies it when updates are created, like Telegram', async () => {
    const { fake, api } = await setup();
    const user = fake.user();
    fake.start(user);
    await api.getUpdates({ allowed_updates: ['message'] });
    expect(fake.stickyAllowedUpdates()).toEqual(['message']);
    await api.getUpdates();
    expect(fake.stickyAllowedUpdates()).toEqual(['message']);
    fake.block(user);
    expect(fake.pendingCount()).toBe(1);
    await api.getUpdates({ allowed_updates: ['my_chat_member', 'message'] });
    expect(fake.stickyAllowedUpdates()).toEqual(['message', 'my_chat_member']);
    fake.unblock(user);
    expect((await api.getUpdates()).map((u) => Object.keys(u)[1])).toEqual(['message', 'my_chat_member']);
    await api.getUpdates({ allowed_updates: [] });
    expect(fake.stickyAllowedUpdates()).toBeUndefined();
    expect(fake.getUpdatesCalls.map((c) => c.allowed_updates)).toEqual([
      ['message'],
      undefined,
      ['my_chat_member', 'message'],
      undefined,
      [],
    ]);
  });

  it('stretches a quick repeat of the same offset to a 3 s poll', async () => {
    const { fake, api } = await setup({ timeScale: 0.05 });
    fake.user();
    await api.getUpdates({ offset: 5, timeout: 0 });
    const started = performance.now();
    await api.getUpdates({ offset: 5, timeout: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('fake Telegram: long polling', () => {
  it('holds a poll until an update arrives and answers updates queued together in one batch', async () => {
    const { fake, api } = await setup({ timeScale: 0.1 });
    const user = fake.user();
    const poll = api.getUpdates({ timeout: 50 });
    await untilLongPoll(fake);
    const started = performance.now();
    fake.start(user);
    fake.text(user, 'hello');
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(['/start', 'hello']);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fake.longPollActive()).toBe(false);
  });

  it('answers an empty list when the (scaled) timeout passes', async () => {
    const { api } = await setup();
    const started = performance.now();
    await expect(api.getUpdates({ timeout: 20 })).resolves.toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('answers the older long poll 409 when a newer one starts', async () => {
    const { fake, api } = await setup();
    const older = api.getUpdates({ timeout: 50 });
    await untilLongPoll(fake);
    const newer = api.getUpdates({ timeout: 50 });
    const error = await older.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 409, description: OTHER_POLL });
    fake.start(fake.user());
    await expect(newer).resolves.toHaveLength(1);
  });

  it('leaves a held poll alone when a short poll answers at once', async () => {
    const { fake, api } = await setup();
    const held = api.getUpdates({ timeout: 50 });
    await untilLongPoll(fake);
    await expect(api.getUpdates({ offset: -1, timeout: 0 })).resolves.toEqual([]);
    expect(fake.longPollActive()).toBe(true);
    await expect(held).resolves.toEqual([]);
  });

  it('simulates a second bot instance: 409s until it stops, paced at one immediate conflict per 3 s', async () => {
    const { fake, api } = await setup({ timeScale: 0.3 });
    const held = api.getUpdates({ timeout: 50 });
    await untilLongPoll(fake);
    let started = performance.now();
    fake.startSecondPoller();
    await expect(held).rejects.toMatchObject({ error_code: 409, description: OTHER_POLL });
    expect(performance.now() - started).toBeLessThan(600);
    started = performance.now();
    await expect(api.getUpdates({ timeout: 50 })).rejects.toMatchObject({ error_code: 409, description: OTHER_POLL });
    expect(performance.now() - started).toBeGreaterThanOrEqual(850);
    fake.stopSecondPoller();
    fake.start(fake.user());
    await expect(api.getUpdates({ timeout: 50 })).resolves.toHaveLength(1);
  });

  it('refuses getUpdates while a webhook is set and keeps pending updates through deleteWebhook', async () => {
    const { fake, api } = await setup();
    const held = api.getUpdates({ timeout: 50 });
    await untilLongPoll(fake);
    fake.setWebhook('https://other.example/hook');
    await expect(held).rejects.toMatchObject({ error_code: 409, description: 'Conflict: terminated by setWebhook request' });
    fake.start(fake.user());
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409, description: WEBHOOK_ACTIVE });
    await expect(api.getWebhookInfo()).resolves.toMatchObject({
      url: 'https://other.example/hook',
      pending_update_count: 1,
      has_custom_certificate: false,
    });
    await expect(api.deleteWebhook()).resolves.toBe(true);
    expect(fake.deleteWebhookCalls).toEqual([{ dropPendingUpdates: false, at: expect.any(Number) }]);
    await expect(api.getWebhookInfo()).resolves.toMatchObject({ url: '', pending_update_count: 1 });
    await expect(api.getUpdates()).resolves.toHaveLength(1);
    await api.deleteWebhook({ drop_pending_updates: true });
    expect(fake.deleteWebhookCalls[1].dropPendingUpdates).toBe(true);
    expect(fake.pendingCount()).toBe(0);
  });
});

describe('fake Telegram: fault injection', () => {
  it('answers 429 with retry_after, then serves normally', async () => {
    const { fake, api } = await setup();
    fake.start(fake.user());
    fake.failNext(1, { retryAfter: 7 });
    const error = await api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    await expect(api.getUpdates()).resolves.toHaveLength(1);
  });

  it('answers a JSON 500 and an nginx HTML 502 without touching the queue', async () => {
    const { fake, api } = await setup();
    fake.start(fake.user());
    fake.failNext(1, '500');
    fake.failNext(2, 'html502');
    await expect(api.getUpdates({ offset: 999_999_999 })).rejects.toMatchObject({
      error_code: 500,
      description: 'Internal Server Error: restart',
    });
    await expect(api.getUpdates()).rejects.toBeInstanceOf(HttpError);
    const raw = await rawCall(fake, `/bot${fake.token}/getUpdates`);
    expect(raw).toEqual({ status: 502, type: 'text/html', body: HTML_502 });
    expect(fake.pendingCount()).toBe(1);
    expect(fake.getUpdatesCalls.map((c) => c.status)).toEqual([500, 502, 502]);
    await expect(api.getUpdates()).resolves.toHaveLength(1);
  });

  it('hangs a request until the client aborts it', async () => {
    const { fake, api } = await setup();
    fake.failNext(1, 'hang');
    const controller = new AbortController();
    // grammY types its signal parameter with the abort-controller polyfill's AbortSignal.
    const hung = api.getUpdates({ timeout: 0 }, controller.signal as Parameters<Api['getUpdates']>[1]);
    const outcome = await Promise.race([hung.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(r, 300, 'waiting'))]);
    expect(outcome).toBe('waiting');
    controller.abort();
    await expect(hung).rejects.toBeInstanceOf(HttpError);
    await expect(api.getUpdates()).resolves.toEqual([]);
  });

  it('resets the connection', async () => {
    const { fake, api } = await setup();
    fake.failNext(1, 'reset');
    await expect(api.getUpdates()).rejects.toBeInstanceOf(HttpError);
    await expect(api.getMe()).resolves.toMatchObject({ id: fake.botId });
  });

  it('limits faults to the named methods, or any method with "*"', async () => {
    const { fake, api } = await setup();
    const user = fake.user();
    fake.start(user);
    fake.failNext(1, '500', ['sendMessage']);
    await expect(api.getUpdates()).resolves.toHaveLength(1);
    await expect(api.sendMessage(user.id, 'x')).rejects.toMatchObject({ error_code: 500 });
    fake.failNext(1, { retryAfter: 2 }, ['*']);
    await expect(api.getMe()).rejects.toMatchObject({ error_code: 429 });
    await expect(api.sendMessage(user.id, 'y')).resolves.toMatchObject({ text: 'y' });
  });
});

describe('fake Telegram: sendMessage', () => {
  it('logs sent messages and answers 403 for blocked and deactivated users, 400 for unknown chats', async () => {
    const { fake, api } = await setup();
    const user = fake.user();
    const silent = fake.user();
    const gone = fake.user();
    fake.start(user);
    fake.start(gone);
    const keyboard = { keyboard: [[{ text: 'Share phone', request_contact: true }]], one_time_keyboard: true };
    const message = await api.sendMessage(user.id, 'Welcome', { reply_markup: keyboard });
    expect(message).toMatchObject({ message_id: 2, chat: { id: user.id, type: 'private' }, from: { id: fake.botId }, text: 'Welcome' });
    expect(fake.sent).toEqual([{ chatId: user.id, messageId: 2, text: 'Welcome', replyMarkup: keyboard, at: expect.any(Number) }]);

    fake.block(user);
    await expect(api.sendMessage(user.id, 'x')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    fake.deactivate(gone);
    await expect(api.sendMessage(gone.id, 'x')).rejects.toMatchObject({ error_code: 403, description: 'Forbidden: user is deactivated' });
    await expect(api.sendMessage(silent.id, 'x')).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    await expect(api.sendMessage(12345, 'x')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    expect(fake.sent).toHaveLength(1);
  });

  it('simulates per-chat send pacing with 429 retry_after', async () => {
    const clock = manualClock();
    const { fake, api } = await setup({ now: clock.now });
    const user = fake.user();
    const other = fake.user();
    fake.start(user);
    fake.start(other);
    fake.rateLimitSends(5);
    await api.sendMessage(user.id, 'one');
    clock.advance(1_500);
    await expect(api.sendMessage(user.id, 'two')).rejects.toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 4',
      parameters: { retry_after: 4 },
    });
    await expect(api.sendMessage(other.id, 'three')).resolves.toMatchObject({ text: 'three' });
    clock.advance(3_500);
    await expect(api.sendMessage(user.id, 'two')).resolves.toMatchObject({ text: 'two' });
    expect(fake.sent.map((m) => m.text)).toEqual(['one', 'three', 'two']);
  });
});

describe('fake Telegram: volume', () => {
  it('drains 100 000 queued updates in batches of 100 with O(batch) reads', async () => {
    const { fake, api } = await setup({ firstUpdateId: 1 });
    const user = fake.user();
    for (let i = 0; i < 100_000; i += 1) fake.start(user);
    expect(fake.pendingCount()).toBe(100_000);
    const started = performance.now();
    let offset = 0;
    let received = 0;
    for (;;) {
      const batch = await api.getUpdates({ offset, limit: 100 });
      if (batch.length === 0) break;
      received += batch.length;
      offset = batch[batch.length - 1].update_id + 1;
    }
    expect(received).toBe(100_000);
    expect(fake.confirmedUpTo()).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('fake Telegram: inline buttons', () => {
  it('delivers a button press only where callback_query is allowed, and records its answer once', async () => {
    const clock = manualClock();
    const { fake, api } = await setup({ now: clock.now });
    const user = fake.user();
    await api.getUpdates({ allowed_updates: ['message', 'my_chat_member'] });
    fake.pressButton(user, 'hidden');
    expect(fake.pendingCount()).toBe(0);
    await api.getUpdates({ allowed_updates: ['message', 'my_chat_member', 'callback_query'] });
    const queryId = fake.pressButton(user, 'promo_spring');
    const [update] = await api.getUpdates();
    expect(update.callback_query).toMatchObject({ id: queryId, data: 'promo_spring', from: { id: user.id }, message: { chat: { id: user.id, type: 'private' } } });

    expect(await api.answerCallbackQuery(queryId)).toBe(true);
    expect(fake.callbackAnswers).toEqual([{ queryId, at: clock.now() }]);
    await expect(api.answerCallbackQuery(queryId)).rejects.toThrow(/query is too old/);
  });

  it('refuses an answer 15 s after the press, as Telegram does once the client gave up', async () => {
    const clock = manualClock();
    const { fake, api } = await setup({ now: clock.now });
    await api.getUpdates({ allowed_updates: ['callback_query'] });
    const queryId = fake.pressButton(fake.user(), 'late');
    clock.advance(15_000);
    await expect(api.answerCallbackQuery(queryId)).rejects.toThrow(/query is too old/);
    expect(fake.callbackAnswers).toEqual([]);
  });
});
