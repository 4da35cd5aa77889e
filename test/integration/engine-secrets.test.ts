import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/contract/dispatch.js';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS } from '../../electron/core/store/schema.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { filesUnder } from '../support/files-under.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';

let h: EngineHarness | null = null;
let proxy: RecordingProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
  await h?.close();
  h = null;
});

/** What of `key` is in `text`: as is, or inside any base64 run (a Basic credential), at any alignment. */
function keyFormsIn(text: string, key: string): string[] {
  const found: string[] = [];
  if (text.includes(key)) found.push('the key');
  if (/basic\s+(?!<redacted>)[A-Za-z0-9+/]{8,}/i.test(text)) found.push('a Basic credential');
  for (const run of text.match(/[A-Za-z0-9+/]{12,}={0,2}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      if (Buffer.from(run.slice(shift), 'base64').toString('latin1').includes(key)) found.push(`base64 "${run.slice(0, 12)}…"`);
    }
  }
  return found;
}

describe('engine: redaction of what Yespo echoes back', () => {
  it('stores nothing of the API key when an error body echoes the Authorization header, and keeps error texts short', async () => {
    h = await startEngine();
    await h.configure();
    const { engine, tg, yespo } = h;
    const key = yespo.apiKey;

    yespo.failNext(1, { status: 400, message: 'Bad request', echoAuthorization: true }, /\/tokens$/);
    tg.start(tg.user());
    const rejected = await h.waitFor(() => engine.api.listFailures(undefined), (g) => g.some((x) => x.cause === 'yespo-rejected'), 'the refused subscriber');
    const refusal = rejected.find((g) => g.cause === 'yespo-rejected')!.items[0].detail ?? '';
    expect(refusal).toContain('Bad request');
    expect(keyFormsIn(refusal, key)).toEqual([]);

    yespo.failNext(1_000, { status: 500, message: `Internal error ${'x'.repeat(10_000)}`, echoAuthorization: true }, /\/tokens$/);
    tg.start(tg.user());
    const waiting = await h.waitFor(() => engine.api.listFailures(undefined), (g) => g.some((x) => x.cause === 'waiting-retry' && !!x.items[0].detail), 'the subscriber waiting for a retry');
    const retryText = waiting.find((g) => g.cause === 'waiting-retry')!.items[0].detail ?? '';
    expect(retryText).toContain('Internal error');
    expect(retryText.length).toBeLessThanOrEqual(300);
    const status = await h.status();
    expect(status.sync.detail?.length ?? 0).toBeLessThanOrEqual(300);

    await engine.stop();
    const files = filesUnder(h.dataDir);
    expect(files.some((f) => f.endsWith('engine.log'))).toBe(true);
    for (const file of files) {
      expect(keyFormsIn(readFileSync(file, 'utf8'), key), file).toEqual([]);
    }
    await engine.start();
  });
});

describe('engine: secrets go only to the API root they were checked against', () => {
  it('refuses a plain http root that is not this computer, and takes a local one', async () => {
    h = await startEngine();
    const refused = await dispatch(h.engine.api, 'updateSettings', { yespoApiRoot: 'http://example.com/api' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('Use an https:// address') } });
    const direct = await h.engine.api.updateSettings({ telegramApiRoot: 'http://example.com' }).catch((e: Error) => e.message);
    expect(direct).toContain('Use an https:// address');
    const local = await dispatch(h.engine.api, 'updateSettings', { yespoApiRoot: `${h.yespo.url}/` });
    expect(local).toMatchObject({ ok: true });
    expect((await dispatch(h.engine.api, 'updateSettings', { telegramApiRoot: 'https://tg-proxy.example/bot-api' })).ok).toBe(true);
  });

  it('sends neither secret to a root changed in the settings until it is entered again for it', async () => {
    h = await startEngine({ rootsInSettings: true });
    await h.configure();
    const { engine, tg, yespo } = h;
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling', 'polling');
    proxy = await startRecordingProxy({ '/api/': yespo.url, '/': tg.url });
    const basicKey = Buffer.from(`api:${yespo.apiKey}`).toString('base64');
    const leaks = (): string[] =>
      proxy!.requests.filter((r) => r.url.includes(tg.token.split(':')[1]) || r.url.includes(encodeURIComponent(tg.token)) || r.authorization?.includes(basicKey)).map((r) => r.url);

    yespo.outage(true);
    tg.start(tg.user());
    await h.waitFor(() => h!.status(), (s) => s.sync.pending === 1, 'a subscriber waiting for Yespo');
    await engine.api.updateSettings({ telegramApiRoot: proxy.url, yespoApiRoot: `${proxy.url}/api` });
    yespo.outage(false);
    await engine.api.syncNow(undefined);

    const held = await h.waitFor(() => h!.status(), (s) => s.bot.state === 'token-rejected' && s.sync.state === 'paused-auth', 'both secrets held back');
    expect(held.bot.detail).toMatch(/enter the bot token again/i);
    expect(held.sync.detail).toMatch(/enter the API key again/i);
    expect(held.notices.map((n) => n.action)).toEqual(expect.arrayContaining(['enter-token', 'enter-api-key']));
    expect(held.sync.pending).toBe(1);
    expect(leaks()).toEqual([]);
    expect(proxy.requests).toEqual([]);

    await engine.api.setBotToken({ token: tg.token });
    await engine.api.setYespoApiKey({ apiKey: yespo.apiKey });
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling' && s.counts.inYespo === 1, 'polling and syncing through the new root');
    expect(proxy.requests.some((r) => r.url.includes('/tokens'))).toBe(true);
    expect(proxy.requests.some((r) => r.url.includes('/getUpdates'))).toBe(true);

    await h.restart();
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling' && s.sync.state !== 'paused-auth', 'the new binding kept over a restart');
  });

  it('keeps a setup from before roots were recorded bound to the root stored then', async () => {
    h = await startEngine({ rootsInSettings: true });
    await h.configure();
    await h.engine.stop();
    const store = await Store.open(path.join(h.dataDir, 'store'));
    const { botTokenRoot: _t, yespoKeyRoot: _y, ...older } = store.get<Record<string, unknown>>(COLLECTIONS.meta, 'setup')!;
    expect(_t).toBe(h.tg.url);
    await store.commit(store.tx().put(COLLECTIONS.meta, 'setup', older));
    await store.close();
    await h.engine.start();
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling' && s.notices[0].code === 'all-good', 'all good after the upgrade');

    proxy = await startRecordingProxy({ '/api/': h.yespo.url, '/': h.tg.url });
    await h.engine.api.updateSettings({ telegramApiRoot: proxy.url, yespoApiRoot: `${proxy.url}/api` });
    await h.restart();
    await h.engine.api.syncNow(undefined);
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'token-rejected' && s.sync.state === 'paused-auth', 'both secrets held back after a restart');
    expect(proxy.requests).toEqual([]);
  });
});
