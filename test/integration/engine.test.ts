import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/contract/dispatch.js';
import { signPayload } from '../../electron/core/links/signing.js';
import { createEnvOverlaySecrets } from '../../electron/core/secrets/env-overlay.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS } from '../../electron/core/store/schema.js';
import { pollerMetaKey, type PollerMeta } from '../../electron/core/telegram/poller.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { failureCode } from '../support/failure-code.js';
import { filesUnder } from '../support/files-under.js';
import { fakeHost } from '../support/fake-host.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('engine: from setup to the first synced subscriber', () => {
  it('checks every credential live, then syncs a new subscriber to Yespo', async () => {
    h = await startEngine();
    const { engine, tg, yespo } = h;
    expect((await h.status()).notices[0].code).toBe('setup-incomplete');

    expect(await failureCode(engine.api.setBotToken({ token: 'hello' }))).toBe('token_format');
    expect(await failureCode(engine.api.setBotToken({ token: `${tg.botId}:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` }))).toBe('token_rejected');
    const found = await engine.api.setBotToken({ token: `  ${tg.token}\n` });
    expect(found).toEqual({ bot: { id: tg.botId, username: tg.botUsername, name: expect.any(String) }, webhook: null });

    expect(await failureCode(engine.api.setAppUuid({ appUuid: 'my bot' }))).toBe('app_uuid_format');
    await engine.api.setAppUuid({ appUuid: yespo.appUuid });
    expect(await failureCode(engine.api.setYespoApiKey({ apiKey: 'wrong-key-123456' }))).toBe('api_key_rejected');
    const account = await engine.api.setYespoApiKey({ apiKey: yespo.apiKey });
    expect(account.organisationName).toBeTruthy();

    const setup = await engine.api.saveSetupStep({ step: 'live-test' });
    expect(setup.secrets.botToken).toEqual({ set: true, hint: `…${tg.token.slice(-4)}` });
    expect(JSON.stringify(setup)).not.toContain(tg.token);
    expect(JSON.stringify(setup)).not.toContain(yespo.apiKey);

    const olena = tg.user(undefined, { first_name: 'Olena' });
    tg.start(olena);
    const live = await h.waitFor(() => engine.api.getLiveTest(undefined), (l) => l.subscriber?.yespo === 'synced', 'the live test to see the sync');
    expect(live.subscriber).toMatchObject({ chatId: olena.id, name: 'Olena' });
    expect(yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(olena.id)))).toMatchObject({ externalCustomerId: `tg-${olena.id}` });
    await h.waitFor(() => tg.sent.length, (n) => n >= 1, 'the welcome reply');

    await engine.api.completeSetup(undefined);
    const status = await h.waitFor(() => h!.status(), (s) => s.notices[0].code === 'all-good' && s.counts.inYespo === 1, 'all good');
    expect(status.counts).toMatchObject({ subscribers: 1, active: 1, inYespo: 1 });

    // Nothing secret on disk: not in the store, not in the logs.
    await h.engine.stop();
    for (const file of filesUnder(h.dataDir)) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(tg.token), `${file} holds the bot token`).toBe(false);
      expect(text.includes(tg.token.split(':')[1]), `${file} holds the token's secret part`).toBe(false);
      expect(text.includes(yespo.apiKey), `${file} holds the API key`).toBe(false);
    }
    await h.engine.start();
  });

  it('finds a webhook and switches the bot without dropping pending /start presses', async () => {
    h = await startEngine();
    const { engine, tg } = h;
    tg.setWebhook('https://crm.example/telegram/hook?secret=abc');
    const waiting = tg.user();
    tg.start(waiting);
    const found = await engine.api.setBotToken({ token: tg.token });
    expect(found.webhook).toEqual({ url: 'https://crm.example', pendingUpdateCount: 1 });
    expect(JSON.stringify(await engine.api.getSetup(undefined))).not.toContain('secret=abc');
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'webhook-set', 'webhook-set');
    const after = await engine.api.switchBotToThisApp(undefined);
    expect(after.webhook).toBeNull();
    expect(tg.deleteWebhookCalls).toEqual([{ dropPendingUpdates: false, at: expect.any(Number) }]);
    await h.waitFor(() => engine.api.querySubscribers({}), (p) => p.total === 1, 'the waiting subscriber');
  });

  it('tells the operator when the token is revoked, and recovers with a new one', async () => {
    h = await startEngine();
    await h.configure();
    const { engine, tg } = h;
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling', 'polling');
    tg.revokeToken();
    const status = await h.waitFor(() => h!.status(), (s) => s.notices[0].code === 'token-rejected', 'token-rejected');
    expect(status.notices[0].action).toBe('enter-token');
    const fresh = tg.issueToken();
    await engine.api.setBotToken({ token: fresh });
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling', 'polling with the new token');
  });

  it('says the keychain is unavailable instead of saving a secret elsewhere', async () => {
    h = await startEngine();
    h.secrets.setUnavailable('The name org.freedesktop.secrets was not provided');
    expect(await failureCode(h.engine.api.setBotToken({ token: h.tg.token }))).toBe('keychain_unavailable');
    expect((await h.engine.api.checkKeychain(undefined)).ok).toBe(false);
    expect((await h.status()).notices[0].code).toBe('keychain-locked');
    h.secrets.setUnavailable(null);
    expect((await h.engine.api.checkKeychain(undefined)).ok).toBe(true);
    await h.engine.api.setBotToken({ token: h.tg.token });
    expect(await h.secrets.get('botToken')).toBe(h.tg.token);
  });

  it('resumes the wizard where it was left after a restart', async () => {
    h = await startEngine();
    await h.engine.api.setBotToken({ token: h.tg.token });
    await h.engine.api.saveSetupStep({ step: 'yespo-bot', botPath: 'existing' });
    await h.restart();
    const setup = await h.engine.api.getSetup(undefined);
    expect(setup).toMatchObject({ step: 'yespo-bot', botPath: 'existing', complete: false, bot: { id: h.tg.botId } });
    expect(setup.secrets.botToken.set).toBe(true);
  });

  it('signs a deep link so the subscriber lands on the known Yespo contact', async () => {
    h = await startEngine();
    await h.configure();
    const link = await h.engine.api.getDeepLink({ externalCustomerId: 'shop-0042' });
    const { key } = await h.engine.api.revealLinkKey(undefined);
    expect(key).toBe(await h.secrets.get('linkSecret'));
    expect(link.payload).toBe(signPayload(key, 'externalCustomerId', 'shop-0042'));
    expect(link.url).toBe(`https://t.me/${h.tg.botUsername}?start=${link.payload}`);
    expect(link.payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const u = h.tg.user();
    h.tg.start(u, link.payload);
    await h.waitFor(() => h!.yespo.contacts.find((c) => c.externalCustomerId === 'shop-0042'), (c) => !!c?.tokens.length, 'the token on contact shop-0042');
    const tampered = `${link.payload.slice(0, -1)}${link.payload.endsWith('A') ? 'B' : 'A'}`;
    const v = h.tg.user();
    h.tg.start(v, tampered);
    await h.waitFor(() => h!.yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(v.id))), (c) => !!c, 'the tampered one');
    expect(h.yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(v.id)))?.externalCustomerId).toBe(`tg-${v.id}`);
  });

  it('keeps subscribers while Yespo is down and sends them when it is back', async () => {
    h = await startEngine();
    await h.configure();
    h.yespo.outage(true);
    const users = Array.from({ length: 12 }, () => h!.tg.user());
    for (const u of users) h.tg.start(u);
    const waiting = await h.waitFor(() => h!.status(), (s) => s.notices.some((n) => n.code === 'pushes-waiting'), 'pushes-waiting');
    expect(waiting.notices.find((n) => n.code === 'pushes-waiting')?.params?.pending).toBe(12);
    h.yespo.outage(false);
    await h.engine.api.syncNow(undefined);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 12 && s.sync.pending === 0, 'all 12 in Yespo');
  });

  it('says so after the computer was off for most of Telegram’s 24 hours', async () => {
    h = await startEngine({ host: fakeHost() });
    await h.configure();
    await h.waitFor(() => h!.status(), (s) => s.bot.lastPollAt !== undefined, 'a first answered poll');
    await h.engine.stop();
    const store = await Store.open(path.join(h.dataDir, 'store'));
    const key = pollerMetaKey(h.tg.botId);
    await store.commit(store.tx().patch<PollerMeta>(store, COLLECTIONS.meta, key, { lastPollAt: Date.now() - 22 * 3_600_000 }));
    await store.close();
    await h.engine.start();
    const status = await h.status();
    expect(status.notices[0]).toMatchObject({ code: 'offline-warning', params: { hours: 22 }, action: 'enable-login-item' });
  });

  it('shows one subscriber’s story and pauses their newsletters in Yespo', async () => {
    h = await startEngine();
    await h.configure();
    expect(await failureCode(h.engine.api.getSubscriber({ chatId: 42 }))).toBe('not_found');
    const u = h.tg.user(undefined, { first_name: 'Olena' });
    h.tg.start(u);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    const muted = await h.engine.api.muteSubscriber({ chatId: u.id, seconds: 86_400 });
    expect(muted.subscriber.mutedUntil).toBeGreaterThan(Date.now());
    expect(muted.events.map((e) => e.type)).toEqual(['muted', 'pushed', 'started']);
    await h.waitFor(() => h!.yespo.mutes.get(String(u.id)), (until) => typeof until === 'number', 'the mute in Yespo');
    const unmuted = await h.engine.api.unmuteSubscriber({ chatId: u.id });
    expect(unmuted.subscriber.mutedUntil).toBeUndefined();
    await h.waitFor(() => h!.yespo.mutes.get(String(u.id)), (until) => until === undefined || until === null, 'the unmute in Yespo');
  });

  it('validates arguments at the bridge before the engine sees them', async () => {
    h = await startEngine();
    const bad = await dispatch(h.engine.api, 'querySubscribers', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const unknown = await dispatch(h.engine.api, 'dropDatabase', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const good = await dispatch(h.engine.api, 'getStatus', undefined);
    expect(good).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
  });
});

describe('engine with secrets from the environment and no keychain', () => {
  it('syncs, and does not call the keychain locked', async () => {
    h = await startEngine({
      secrets: (tg, yespo) => {
        const keychain = createMemorySecrets();
        keychain.setUnavailable('The name org.freedesktop.secrets was not provided by any .service files');
        return createEnvOverlaySecrets(keychain, { TELEGRAM_BOT_TOKEN: tg.token, YESPO_API_KEY: yespo.apiKey });
      },
      appUuidFromEnvironment: true,
    });
    const u = h.tg.user();
    h.tg.start(u);
    const status = await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    expect(status.setupComplete).toBe(true);
    expect(status.keychain).toBe('ok');
    expect(status.notices.map((n) => n.code)).not.toContain('keychain-locked');
    expect(await failureCode(h.engine.api.getDeepLink({ externalCustomerId: 'crm-1' }))).toBe('keychain_unavailable');
  });
});
