import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../electron/core/contract/errors.js';
import { DEFAULT_BOT_TEXTS } from '../../electron/core/telegram/texts.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (error) {
    return error instanceof ApiFailure ? error.code : `unexpected ${String(error)}`;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const calls = (h: EngineHarness, path: string) => h.yespo.requests.filter((r) => r.path.endsWith(path) && r.status === 200).length;

describe('the subscription: /stop, /start again', () => {
  it('mutes the token until unmuted, confirms in their language, and /start unmutes; counted and filterable', async () => {
    h = await startEngine();
    await h.configure();
    const olena = h.tg.user(undefined, { first_name: 'Olena', language_code: 'uk' });
    h.tg.start(olena);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');

    h.tg.text(olena, '/stop');
    const stopped = await h.waitFor(() => h!.status(), (s) => s.counts.unsubscribed === 1, 'the subscriber unsubscribed');
    expect(stopped.counts).toMatchObject({ active: 0, unsubscribed: 1, inYespo: 0 });
    await h.waitFor(() => h!.yespo.mutes.has(String(olena.id)), Boolean, 'the mute in Yespo');
    // No duration: muted until unmuted.
    expect(h.yespo.mutes.get(String(olena.id))).toBeNull();
    await h.waitFor(() => h!.tg.sent.some((m) => m.chatId === olena.id && m.text === DEFAULT_BOT_TEXTS.stopped.uk), Boolean, 'the confirmation in Ukrainian');

    // Only their own /start may undo their /stop: the operator's mute and unmute are refused.
    expect(await code(h.engine.api.unmuteSubscriber({ chatId: olena.id }))).toBe('subscriber_unsubscribed');
    expect(await code(h.engine.api.muteSubscriber({ chatId: olena.id, seconds: 3_600 }))).toBe('subscriber_unsubscribed');

    const page = await h.engine.api.querySubscribers({ state: 'unsubscribed' });
    expect(page.rows.map((r) => r.chatId)).toEqual([olena.id]);
    expect(page.rows[0].unsubscribedAt).toBeGreaterThan(0);
    expect((await h.engine.api.querySubscribers({ state: 'active' })).total).toBe(0);

    h.tg.start(olena);
    await h.waitFor(() => calls(h!, '/token/unmute'), (n) => n === 1, 'the unmute in Yespo');
    expect(h.yespo.mutes.has(String(olena.id))).toBe(false);
    const back = await h.waitFor(() => h!.status(), (s) => s.counts.active === 1, 'the subscriber active again');
    expect(back.counts.unsubscribed).toBe(0);
    const detail = await h.engine.api.getSubscriber({ chatId: olena.id });
    expect(detail.subscriber.state).toBe('active');
    expect(detail.events.map((e) => e.type).slice(0, 3)).toEqual(['started', 'resubscribed', 'unsubscribed']);
  });

  it('puts Start and Stop in the bot’s menu in both languages', async () => {
    h = await startEngine();
    await h.configure();
    const menu = await h.waitFor(() => h!.tg.commands, (c) => c.has('') && c.has('uk'), 'the menu in both languages');
    expect(menu.get('')?.map((c) => c.command)).toEqual(['start', 'stop']);
    expect(menu.get('uk')?.map((c) => c.command)).toEqual(['start', 'stop']);
    expect(menu.get('uk')?.[1].description).not.toBe(menu.get('')?.[1].description);
  });

  it('sets the menu again when the token changes', async () => {
    h = await startEngine();
    await h.configure();
    await h.waitFor(() => h!.tg.calls.filter((c) => c.method.toLowerCase() === 'setmycommands').length, (n) => n === 2, 'the first menu');
    h.tg.revokeToken();
    await h.engine.api.setBotToken({ token: h.tg.issueToken() });
    await h.waitFor(() => h!.tg.calls.filter((c) => c.method.toLowerCase() === 'setmycommands').length, (n) => n === 4, 'the menu for the new token');
  });
});

describe('forgetting a subscriber', () => {
  it('removes the record, the story and the queued work, mutes the token, and names what to delete in Yespo', async () => {
    h = await startEngine();
    await h.configure();
    const olena = h.tg.user(undefined, { first_name: 'Olenka' });
    const taras = h.tg.user(undefined, { first_name: 'Taras' });
    h.tg.start(olena);
    h.tg.start(taras);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 2, 'both in Yespo');

    const answer = await h.engine.api.forgetSubscriber({ chatId: olena.id });
    expect(answer.chatId).toBe(olena.id);
    expect(answer.inYespo).toEqual([{ kind: 'externalCustomerId', value: `tg-${olena.id}` }]);

    expect(await code(h.engine.api.getSubscriber({ chatId: olena.id }))).toBe('not_found');
    expect((await h.engine.api.querySubscribers({})).rows.map((r) => r.chatId)).toEqual([taras.id]);
    expect((await h.status()).counts.subscribers).toBe(1);
    await h.waitFor(() => h!.yespo.mutes.has(String(olena.id)), Boolean, 'the mute in Yespo after the record is gone');
    expect(h.yespo.mutes.get(String(olena.id))).toBeNull();
    await h.waitFor(() => h!.engine.api.getStats(undefined), (s) => s.pending === 0, 'the outbox empty');
    expect(await code(h.engine.api.forgetSubscriber({ chatId: olena.id }))).toBe('not_found');

    // Nothing of her stays on disk: the journal that held her record was folded away.
    const leftOnDisk = filesUnder(h.dataDir)
      .filter((f) => !f.includes(`${path.sep}logs${path.sep}`))
      .filter((f) => readFileSync(f, 'utf8').includes('Olenka'));
    expect(leftOnDisk).toEqual([]);
  });

  it('subscribes a person again afresh when they press Start after being forgotten', async () => {
    h = await startEngine();
    await h.configure();
    const olena = h.tg.user(undefined, { first_name: 'Olena' });
    h.tg.start(olena);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'in Yespo');
    const first = (await h.engine.api.getSubscriber({ chatId: olena.id })).subscriber.firstStartAt;
    await h.engine.api.forgetSubscriber({ chatId: olena.id });
    await h.waitFor(() => h!.yespo.mutes.has(String(olena.id)), Boolean, 'the mute in Yespo');

    h.tg.start(olena);
    const again = await h.waitFor(() => h!.engine.api.querySubscribers({}), (p) => p.total === 1, 'the fresh subscriber');
    expect(again.rows[0].firstStartAt).toBeGreaterThan(first);
    // A story of its own, pushed to Yespo again, and no mute sent after that push.
    const detail = await h.waitFor(() => h!.engine.api.getSubscriber({ chatId: olena.id }), (d) => d.subscriber.yespo.state === 'synced', 'pushed again');
    expect(detail.events.map((e) => e.type)).toEqual(['pushed', 'started']);
    expect(h.yespo.tokenRequests.filter((r) => JSON.stringify(r).includes(String(olena.id)))).toHaveLength(2);
    expect(calls(h, '/token/mute')).toBe(1);
  });
});
