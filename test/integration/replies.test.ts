import { Api } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/core/log.js';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type ReplyItem, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { queueReply, renderReply, ReplySender } from '../../electron/core/telegram/replies.js';
import { DEFAULT_BOT_TEXTS } from '../../electron/core/telegram/texts.js';
import { FAILURES_DROPPED_KEY, FAILURES_LIMIT } from '../../electron/core/yespo/failure-cap.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
const texts = { ...DEFAULT_BOT_TEXTS, thanks: { en: 'Thanks, {name}!'.replace('{name}', 'friend'), uk: 'Дякуємо!' } };
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ tg: FakeTelegram; store: Store; sender: ReplySender }> {
  const tg = await startFakeTelegram({ timeScale: 0.02 });
  cleanups.push(() => tg.close());
  const t = tempDir();
  cleanups.push(t.remove);
  const store = await Store.open(t.dir);
  cleanups.push(() => store.close());
  const api = new Api(tg.token, { apiRoot: tg.url });
  const sender = new ReplySender({ store, logger: createLogger({ level: 'silent' }), now: Date.now, api: () => api, texts: () => texts, onChange: () => {} });
  cleanups.push(() => sender.stop());
  return { tg, store, sender };
}

async function subscribe(store: Store, botId: number, chatId: number): Promise<void> {
  const s: StoredSubscriber = {
    botId, chatId, firstName: 'X', state: 'active', firstStartAt: 1, lastStartAt: 1,
    yespo: { state: 'synced' }, tokenInYespo: true,
  };
  await store.commit(store.tx().put(COLLECTIONS.subscribers, subscriberKey(botId, chatId), s));
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('reply queue', () => {
  it('sends no reply to an update that is not saved yet (a crash would bring the update, and the reply, again)', async () => {
    const tg = await startFakeTelegram({ timeScale: 0.02 });
    cleanups.push(() => tg.close());
    const t = tempDir();
    cleanups.push(t.remove);
    let diskFull = false;
    const store = await Store.open(t.dir, { beforeWrite: () => { if (diskFull) throw new Error('ENOSPC: no space left on device'); } });
    cleanups.push(() => store.close());
    const api = new Api(tg.token, { apiRoot: tg.url });
    const sender = new ReplySender({ store, logger: createLogger({ level: 'silent' }), now: Date.now, api: () => api, texts: () => texts, onChange: () => {} });
    cleanups.push(() => sender.stop());
    const u = tg.user();
    tg.start(u);
    diskFull = true;
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'thanks', lang: 'en' });
    await expect(store.commit(tx)).rejects.toThrow();
    const durable = vi.spyOn(store, 'durable');
    sender.start();
    await until(() => durable.mock.results.length > 0, 'the sender to ask the store');
    await durable.mock.results[0].value.catch(() => {});
    expect(tg.sent).toHaveLength(0);

    diskFull = false;
    sender.wake();
    await until(() => tg.sent.length === 1 && store.collection(COLLECTIONS.replies).size === 0, 'the reply once the update is saved');
  });

  it('sends queued replies and forgets them once sent', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'thanks', lang: 'en' });
    await store.commit(tx);
    sender.start();
    await until(() => tg.sent.length === 1, 'the send');
    expect(tg.sent[0]).toMatchObject({ chatId: u.id, text: 'Thanks, friend!' });
    await until(() => store.collection(COLLECTIONS.replies).size === 0, 'the queue to empty');
  });

  it('paces a chat to one message a second', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    const tx = store.tx();
    for (const message of ['welcome', 'askEmail', 'thanks'] as const) queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message, lang: 'uk' });
    await store.commit(tx);
    sender.start();
    await until(() => tg.sent.length === 3, 'three sends');
    expect(tg.sent.map((m) => m.text)).toEqual([texts.welcome.uk, texts.askEmail.uk, texts.thanks.uk]);
    expect(tg.sent[2].at - tg.sent[0].at).toBeGreaterThanOrEqual(1_900);
  });

  it('marks a subscriber who blocked the bot, or deleted the account, from the 403', async () => {
    const { tg, store, sender } = await setup();
    const blocker = tg.user();
    const gone = tg.user();
    tg.start(blocker);
    tg.start(gone);
    await subscribe(store, tg.botId, blocker.id);
    await subscribe(store, tg.botId, gone.id);
    tg.block(blocker);
    tg.deactivate(gone);
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: blocker.id, message: 'other' });
    queueReply(tx, tg.botId, Date.now(), { chatId: gone.id, message: 'other' });
    await store.commit(tx);
    sender.start();
    const state = (id: number) => store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(tg.botId, id));
    await until(() => state(blocker.id)?.state === 'blocked' && state(gone.id)?.state === 'deleted', 'both states');
    expect(state(blocker.id)?.tokenInYespo).toBe(false);
    expect(store.collection(COLLECTIONS.replies).size).toBe(0);
    expect(store.collection(COLLECTIONS.failures).size).toBe(0);

    // A reply still queued for someone already marked blocked is dropped quietly.
    const late = store.tx();
    queueReply(late, tg.botId, Date.now(), { chatId: blocker.id, message: 'thanks' });
    await store.commit(late);
    sender.wake();
    await until(() => store.collection(COLLECTIONS.replies).size === 0, 'the late reply to be settled');
    expect(store.collection(COLLECTIONS.failures).size).toBe(0);
    expect(store.get<unknown[]>(COLLECTIONS.events, subscriberKey(tg.botId, blocker.id))).toHaveLength(1);
  });

  it('waits retry_after on a 429 and then sends', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    tg.failNext(1, { retryAfter: 1 }, ['sendMessage']);
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'other' });
    await store.commit(tx);
    const t0 = Date.now();
    sender.start();
    await until(() => tg.sent.length === 1, 'the send after the wait');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('waits at most an hour for a huge retry_after, with no timer beyond what Node holds', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    tg.failNext(1, { retryAfter: 3_000_000_000 }, ['sendMessage']);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const delays = (): number[] => timers.mock.calls.map((call) => Number(call[1] ?? 0));
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'other' });
    await store.commit(tx);
    sender.start();
    const item = () => [...store.collection<ReplyItem>(COLLECTIONS.replies).values()][0];
    await until(() => item()?.attempts === 1, 'the 429 to be saved');
    // Above grammY's own 30 s request timeout: the sender's wait for the next try.
    await until(() => delays().some((ms) => ms > 60_000), 'the wait after the 429');
    const longest = Math.max(...delays());
    vi.restoreAllMocks();
    expect(item().nextAttemptAt - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(longest).toBeLessThanOrEqual(3_600_000);
    expect(tg.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('does not repeat a send that may have gone out before the connection broke', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    tg.failNext(1, 'reset', ['sendMessage']);
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'other' });
    await store.commit(tx);
    sender.start();
    // Settled means taken off the queue: nothing is left that could be sent again.
    await until(() => store.collection(COLLECTIONS.replies).size === 0, 'the item to be settled');
    expect(tg.sent).toHaveLength(0);
    expect([...store.collection<{ cause: string }>(COLLECTIONS.failures).values()].map((f) => f.cause)).toEqual(['reply-refused']);
  });
});

describe('refused replies among many stored failures', () => {
  it('drop the oldest stored failure rather than growing the list past its limit', async () => {
    const { tg, store, sender } = await setup();
    const u = tg.user();
    tg.start(u);
    await subscribe(store, tg.botId, u.id);
    const old = store.tx();
    for (let i = 0; i < FAILURES_LIMIT; i++) old.put(COLLECTIONS.failures, `old:${i}`, { id: `old:${i}`, botId: tg.botId, cause: 'yespo-undelivered', at: 1_000 + i, chatId: u.id });
    await store.commit(old);
    tg.failNext(1, 'reset', ['sendMessage']);
    const tx = store.tx();
    queueReply(tx, tg.botId, Date.now(), { chatId: u.id, message: 'other' });
    await store.commit(tx);
    sender.start();
    await until(() => store.collection(COLLECTIONS.replies).size === 0, 'the reply to be settled as refused');
    const failures = store.collection<{ cause: string }>(COLLECTIONS.failures);
    expect(failures.size).toBe(FAILURES_LIMIT);
    expect(failures.has('old:0')).toBe(false);
    expect([...failures.values()].filter((f) => f.cause === 'reply-refused')).toHaveLength(1);
    expect(store.get(COLLECTIONS.meta, FAILURES_DROPPED_KEY)).toEqual({ 'yespo-undelivered': 1 });
  });
});

describe('rendering a queued reply', () => {
  it('uses the owner’s current text in the subscriber’s language, with the right keyboard', () => {
    const item = { id: 'x', botId: 1, chatId: 2, message: 'askPhone' as const, lang: 'uk', keyboard: 'contact' as const, createdAt: 0, nextAttemptAt: 0, attempts: 0 };
    expect(renderReply(item, texts)).toEqual({
      text: texts.askPhone.uk,
      replyMarkup: { keyboard: [[{ text: texts.phoneButton.uk, request_contact: true }]], resize_keyboard: true, one_time_keyboard: true },
    });
    expect(renderReply({ ...item, message: 'thanks', lang: 'de', keyboard: 'remove' }, texts)).toEqual({ text: 'Thanks, friend!', replyMarkup: { remove_keyboard: true } });
  });
});
