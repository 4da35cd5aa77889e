import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS, type ReplyItem } from '../../electron/core/store/schema.js';
import { identityOf } from '../../electron/core/yespo/identity.js';
import { pollerMetaKey, type PollerMeta } from '../../electron/core/telegram/poller.js';
import { signPayload } from '../../electron/core/links/signing.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startPoller, type PollerHarness } from '../support/poller-harness.js';
import { tempDir } from '../support/temp-dir.js';

const open: Array<{ close?: () => Promise<void>; stop?: () => Promise<void>; remove?: () => void }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) {
    await o.stop?.();
    await o.close?.();
    o.remove?.();
  }
});

async function setup(opts: Partial<Parameters<typeof startPoller>[0]> = {}): Promise<{ tg: FakeTelegram; h: PollerHarness; dir: string }> {
  const tg = await startFakeTelegram({ timeScale: 0.02 });
  open.push(tg);
  const t = tempDir();
  open.push(t);
  const h = await startPoller({ dir: t.dir, apiRoot: tg.url, token: () => tg.token, ...opts });
  open.push(h);
  return { tg, h, dir: t.dir };
}

describe('poller against the fake Bot API', () => {
  it('records a /start with its payload and confirms the batch only after saving it', async () => {
    const { tg, h } = await setup();
    const olena = tg.user(undefined, { first_name: 'Olena', username: 'olena_flowers', language_code: 'uk' });
    tg.start(olena, 'instagram');
    await h.waitFor(() => h.subscribers().length === 1, 'the subscriber');
    const [s] = h.subscribers();
    expect(s).toMatchObject({ chatId: olena.id, firstName: 'Olena', username: 'olena_flowers', languageCode: 'uk', source: 'instagram', state: 'active' });
    expect(identityOf(s, 'tg-')).toEqual({ kind: 'externalCustomerId', value: `tg-${olena.id}` });
    expect(h.store.get(COLLECTIONS.outbox, `token:${tg.botId}:${olena.id}`)).toMatchObject({ kind: 'token', state: 'waiting' });
    const replies = [...h.store.collection<ReplyItem>(COLLECTIONS.replies).values()];
    expect(replies.map((r) => [r.message, r.lang])).toEqual([['welcome', 'uk']]);
    await h.waitFor(() => tg.pendingCount() === 0, 'confirmation');
    const meta = h.store.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(tg.botId));
    expect(meta?.offset).toBe(tg.confirmedUpTo() + 1);
    for (const call of tg.getUpdatesCalls) expect(call.allowed_updates).toEqual(['message', 'my_chat_member', 'callback_query']);
    expect(tg.getUpdatesCalls.every((c) => c.limit === 100)).toBe(true);
  });

  it('keeps one subscriber for a repeated /start and records both starts', async () => {
    const { tg, h } = await setup();
    const u = tg.user();
    tg.start(u);
    tg.start(u, 'again');
    await h.waitFor(() => tg.pendingCount() === 0 && h.subscribers().length === 1, 'both updates');
    await h.waitFor(() => (h.store.get<unknown[]>(COLLECTIONS.events, `${tg.botId}:${u.id}`) ?? []).length === 2, 'two events');
    expect(h.subscribers()).toHaveLength(1);
    expect(h.subscribers()[0].source).toBe('again');
  });

  it('ignores an unsigned payload as identity but trusts a signed one', async () => {
    const secret = 'test-secret-value-123';
    const { tg, h } = await setup({ linkSecret: secret });
    const a = tg.user();
    const b = tg.user();
    tg.start(a, signPayload(secret, 'externalCustomerId', 'crm-42')!);
    tg.start(b, signPayload('another-secret-xyz', 'externalCustomerId', 'crm-43')!);
    await h.waitFor(() => h.subscribers().length === 2, 'two subscribers');
    const byId = new Map(h.subscribers().map((s) => [s.chatId, s]));
    expect(identityOf(byId.get(a.id)!, 'tg-')).toEqual({ kind: 'externalCustomerId', value: 'crm-42' });
    expect(identityOf(byId.get(b.id)!, 'tg-')).toEqual({ kind: 'externalCustomerId', value: `tg-${b.id}` });
    expect(byId.get(b.id)?.source).toMatch(/^se/);
  });

  it('takes the user’s own phone and email, and refuses someone else’s contact', async () => {
    const { tg, h } = await setup({ settings: { askPhone: true, askEmail: true } });
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h.subscribers()[0]?.awaiting === 'phone', 'the phone prompt');
    tg.shareContact(u, { phone: '+380 50 123 45 67', userId: u.id + 1 });
    // Confirmed means the next poll went out, which happens only after the batch was saved.
    await h.waitFor(() => tg.pendingCount() === 0, 'the foreign contact');
    expect(h.subscribers()[0].phone).toBeUndefined();
    tg.shareContact(u, { phone: '+380 50 123 45 67' });
    await h.waitFor(() => h.subscribers()[0]?.phone === '380501234567', 'the own phone');
    expect(h.subscribers()[0].awaiting).toBe('email');
    tg.text(u, 'not an email');
    tg.text(u, '  olena@example.com ');
    await h.waitFor(() => h.subscribers()[0]?.email === 'olena@example.com', 'the email');
    expect(h.subscribers()[0].awaiting).toBeUndefined();
    const queued = [...h.store.collection<ReplyItem>(COLLECTIONS.replies).values()];
    expect(queued.map((r) => [r.message, r.keyboard])).toEqual([
      ['welcome', undefined],
      ['askPhone', 'contact'],
      ['foreignContact', undefined],
      ['askEmail', 'remove'],
      ['emailInvalid', undefined],
      ['thanks', undefined],
    ]);
  });

  it('marks a block and an unblock, and queues the token again after the comeback', async () => {
    const { tg, h } = await setup();
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h.subscribers().length === 1, 'start');
    // As if Yespo had the token.
    await h.store.commit(h.store.tx().put(COLLECTIONS.subscribers, `${tg.botId}:${u.id}`, { ...h.subscribers()[0], tokenInYespo: true }).delete(COLLECTIONS.outbox, `token:${tg.botId}:${u.id}`));
    tg.block(u);
    await h.waitFor(() => h.subscribers()[0].state === 'blocked', 'block');
    expect(h.subscribers()[0].tokenInYespo).toBe(false);
    tg.unblock(u);
    await h.waitFor(() => h.subscribers()[0].state === 'active', 'unblock');
    expect(h.store.get(COLLECTIONS.outbox, `token:${tg.botId}:${u.id}`)).toMatchObject({ state: 'waiting' });
  });

  it('survives malformed updates without losing the good ones', async () => {
    const { tg, h } = await setup();
    tg.injectRaw({ message: { text: '/start', chat: { type: 'private' } } });
    tg.injectRaw({ my_chat_member: { chat: { id: 'x' } } });
    tg.injectRaw({ edited_message: { text: 'hi' } });
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h.subscribers().length === 1 && tg.pendingCount() === 0, 'the good update');
  });

  it('adopts a lower offset after Telegram resets its update ids', async () => {
    const { tg, h } = await setup();
    const a = tg.user();
    tg.start(a);
    await h.waitFor(() => h.subscribers().length === 1 && tg.pendingCount() === 0, 'first');
    tg.resetIdSpace(5);
    const b = tg.user();
    tg.start(b);
    await h.waitFor(() => h.subscribers().length === 2, 'the update with a lower id');
    await h.waitFor(() => h.store.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(tg.botId))?.offset === 6, 'offset 6');
  });

  it('stops on a rejected token and says so', async () => {
    const { tg, h } = await setup();
    tg.revokeToken();
    await h.waitFor(() => h.poller.state.state === 'token-rejected', 'token-rejected');
    expect(h.poller.state.detail).not.toContain(tg.token.split(':')[1]);
  });

  it('stops while a webhook is set, and polls again once it is removed without dropping updates', async () => {
    const { tg, h } = await setup();
    tg.setWebhook('https://other.example/hook');
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h.poller.state.state === 'webhook-set', 'webhook-set');
    await fetch(`${tg.url}/bot${tg.token}/deleteWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    h.poller.kick();
    await h.waitFor(() => h.subscribers().length === 1, 'the update kept while the webhook was set');
  });

  it('warns about a second poller and keeps trying', async () => {
    const { tg, h } = await setup();
    tg.startSecondPoller();
    await h.waitFor(() => h.poller.state.state === 'conflict', 'conflict');
    tg.stopSecondPoller();
    await h.waitFor(() => h.poller.state.state === 'polling', 'polling again', 15_000);
  });

  it('waits retry_after on 429 and backs off on an HTML 502 without moving the offset', async () => {
    const { tg, h } = await setup();
    await h.waitFor(() => h.poller.state.state === 'polling', 'polling');
    const u = tg.user();
    tg.failNext(1, { retryAfter: 3 });
    tg.failNext(1, 'html502');
    tg.start(u);
    await h.waitFor(() => h.states.some((s) => s.state === 'rate-limited'), 'rate-limited');
    await h.waitFor(() => h.states.some((s) => s.state === 'backing-off'), 'backing-off');
    await h.waitFor(() => h.subscribers().length === 1, 'the update after the faults');
    const rl = h.states.find((s) => s.state === 'rate-limited')!;
    expect(rl.nextTryAt).toBeGreaterThan(0);
  });

  describe('a 429 with an absurd retry_after', () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    beforeEach(() => {
      warnings.length = 0;
      process.on('warning', onWarning);
    });
    afterEach(() => {
      process.off('warning', onWarning);
    });

    /** The 429 answers the poller met, and how long it waited between the first two. */
    async function meet429s(retryAfter: number, timeScale: number): Promise<{ tg: FakeTelegram; h: PollerHarness; gapMs: number }> {
      // The fake's long polls must end well within the poller's scaled request timeout.
      const tg = await startFakeTelegram({ timeScale: timeScale * 5 });
      open.push(tg);
      const t = tempDir();
      open.push(t);
      const h = await startPoller({ dir: t.dir, apiRoot: tg.url, token: () => tg.token, timeScale });
      open.push(h);
      await h.waitFor(() => h.poller.state.state === 'polling', 'polling');
      tg.failNext(50, { retryAfter });
      const limited = () => tg.getUpdatesCalls.filter((c) => c.status === 429);
      await h.waitFor(() => limited().length >= 2, 'the try after the wait', 3_600_000 * timeScale + 5_000);
      const [first, second] = limited();
      return { tg, h, gapMs: second.at - first.at };
    }

    it('waits at most an hour for retry_after 90000 (25 hours), and says when it tries again', async () => {
      const scale = 0.001;
      const { h, gapMs } = await meet429s(90_000, scale);
      expect(gapMs).toBeLessThanOrEqual(3_600_000 * scale + 1_000);
      const rl = h.states.find((s) => s.state === 'rate-limited')!;
      expect(rl.nextTryAt! - Date.now()).toBeLessThanOrEqual(3_600_000);
      expect(rl.detail).toMatch(/^Telegram asked to wait 25 h; trying again at \d\d:\d\d$/);
    });

    it('does not turn retry_after 3_000_000_000 into a 1 ms hot loop', async () => {
      const scale = 0.001;
      const { tg, gapMs } = await meet429s(3_000_000_000, scale);
      expect(gapMs).toBeGreaterThanOrEqual(3_600_000 * scale * 0.9);
      expect(tg.getUpdatesCalls.filter((c) => c.status === 429).length).toBe(2);
      expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
    });
  });

  it('aborts a hung poll on resume and polls at once', async () => {
    const { tg, h } = await setup({ timeScale: 1 });
    await h.waitFor(() => h.poller.state.state === 'polling', 'polling');
    tg.failNext(1, 'hang');
    const u = tg.user();
    await new Promise((r) => setTimeout(r, 1_200));
    tg.start(u);
    h.poller.suspend();
    h.poller.resume();
    await h.waitFor(() => h.subscribers().length === 1, 'the update right after resume', 5_000);
  });

  it('stops confirming while the disk refuses writes, and loses nothing', async () => {
    let full = false;
    let refusedWrites = 0;
    const { tg, h } = await setup({
      beforeWrite: () => {
        if (!full) return;
        refusedWrites++;
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await h.waitFor(() => h.poller.state.state === 'polling', 'polling');
    full = true;
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h.poller.state.state === 'store-failed', 'store-failed');
    const confirmedWhileFull = tg.confirmedUpTo();
    // The poller tried the disk again, and still did not poll (which would confirm).
    const refused = refusedWrites;
    await h.waitFor(() => refusedWrites > refused, 'another try at the disk');
    expect(tg.confirmedUpTo()).toBe(confirmedWhileFull);
    expect(tg.pendingCount()).toBe(1);
    full = false;
    await h.waitFor(() => tg.pendingCount() === 0 && h.subscribers().length === 1, 'recovery', 15_000);
    expect(h.store.get<unknown[]>(COLLECTIONS.events, `${tg.botId}:${u.id}`)).toHaveLength(1);
  });
});
