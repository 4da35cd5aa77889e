import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { fakeHost } from '../support/fake-host.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const MIN = 60_000;

/** The engine's clock, moved by the test: minutes pass without being waited. */
function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, pass: (ms: number) => void (offset += ms) };
}

const messagesTo = (h: EngineHarness, chatId: number) => h.tg.sent.filter((m) => m.chatId === chatId).map((m) => m.text);
const pushedChats = (h: EngineHarness) => JSON.stringify(h.yespo.tokenRequests.map((r) => r.tokens));
const payloadOf = (link: string) => new URL(link).searchParams.get('start') ?? '';

async function ready(h: EngineHarness): Promise<void> {
  await h.configure();
  await h.waitFor(() => h.status(), (s) => s.bot.state === 'polling', 'polling');
}

function logLines(h: EngineHarness, msg: string): number {
  const text = readFileSync(path.join(h.dataDir, 'logs', 'engine.log'), 'utf8');
  return text.split('\n').filter((line) => line.includes(msg)).length;
}

describe('alerts to the owner’s own Telegram', () => {
  it('her Start with the one-time code confirms; a state lasting 15 minutes is told once, its end once; /stop ends it; she is never a subscriber', async () => {
    const clock = testClock();
    // The desktop notification shows when the engine has seen a state, before the test lets time pass.
    const host = fakeHost();
    h = await startEngine({ now: clock.now, host });
    await ready(h);
    expect(await h.engine.api.getOwnerAlerts(undefined)).toEqual({ state: 'off' });

    const started = await h.engine.api.startOwnerAlerts(undefined);
    expect(started.state).toBe('waiting');
    expect(started.link).toMatch(new RegExp(`^https://t\\.me/${h.tg.botUsername}\\?start=[A-Za-z0-9_-]{1,64}$`));
    const olena = h.tg.user(undefined, { first_name: 'Olena', language_code: 'en' });
    h.tg.start(olena, payloadOf(started.link!));
    await h.waitFor(() => messagesTo(h!, olena.id), (m) => m.length === 1, 'the confirmation');
    expect(messagesTo(h, olena.id)[0]).toMatch(/alerts/i);
    expect(await h.engine.api.getOwnerAlerts(undefined)).toMatchObject({ state: 'on', name: 'Olena' });

    // A customer meanwhile is an ordinary subscriber, pushed to Yespo.
    const customer = h.tg.user();
    h.tg.start(customer);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the customer in Yespo');

    h.tg.setWebhook('https://other.example/hook');
    await h.waitFor(() => host.notifications.length, (n) => n === 1, 'the engine to see the webhook conflict');
    clock.pass(16 * MIN);
    await h.waitFor(() => messagesTo(h!, olena.id), (m) => m.length === 2, 'the alert');
    expect(messagesTo(h, olena.id)[1]).toContain('Another service is receiving the bot’s messages');

    await h.engine.api.switchBotToThisApp(undefined);
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling', 'polling again');
    // The end is told once the state has been gone a minute: minutes pass until it is.
    await h.waitFor(() => (clock.pass(MIN / 2), messagesTo(h!, olena.id)), (m) => m.length === 3, 'the cleared message');
    expect(messagesTo(h, olena.id)[2]).toMatch(/fixed/);

    h.tg.text(olena, '/stop');
    await h.waitFor(() => messagesTo(h!, olena.id), (m) => m.length === 4, 'the answer to /stop');
    expect(await h.engine.api.getOwnerAlerts(undefined)).toEqual({ state: 'off' });

    // A state that lasts again is followed (the log says so) but nobody's chat is told.
    h.tg.setWebhook('https://other.example/hook');
    await h.waitFor(() => host.notifications.length, (n) => n === 2, 'the engine to see the webhook conflict again');
    const told = logLines(h, 'webhook-set:raised');
    clock.pass(16 * MIN);
    await h.waitFor(() => logLines(h!, 'webhook-set:raised'), (n) => n > told, 'the state to last 15 minutes');
    expect(messagesTo(h, olena.id)).toHaveLength(4);

    const status = await h.status();
    expect(status.counts).toMatchObject({ subscribers: 1, active: 1, unsubscribed: 0 });
    expect((await h.engine.api.querySubscribers({})).rows.map((s) => s.chatId)).toEqual([customer.id]);
    expect(pushedChats(h)).not.toContain(String(olena.id));
  });

  it('a wrong or expired code is an ordinary subscriber’s Start, with the payload as its source', async () => {
    const clock = testClock();
    h = await startEngine({ now: clock.now });
    await ready(h);
    const { link } = await h.engine.api.startOwnerAlerts(undefined);
    const guesser = h.tg.user();
    h.tg.start(guesser, 'alertsWRONGcode');
    clock.pass(31 * MIN);
    const late = h.tg.user();
    h.tg.start(late, payloadOf(link!));
    await h.waitFor(() => h!.status(), (s) => s.counts.subscribers === 2, 'two subscribers');
    const page = await h.engine.api.querySubscribers({});
    expect(page.rows.map((s) => s.source).sort()).toEqual(['alertsWRONGcode', payloadOf(link!)].sort());
    expect(await h.engine.api.getOwnerAlerts(undefined)).toEqual({ state: 'off' });
  });

  it('if she was a subscriber in that chat, she is one no longer: not counted, her token muted in Yespo', async () => {
    h = await startEngine();
    await ready(h);
    const olena = h.tg.user(undefined, { first_name: 'Olena' });
    h.tg.start(olena);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'her subscription in Yespo');
    const { link } = await h.engine.api.startOwnerAlerts(undefined);
    h.tg.start(olena, payloadOf(link!));
    await h.waitFor(() => h!.status(), (s) => s.counts.subscribers === 0, 'her subscription gone');
    await h.waitFor(() => h!.yespo.mutes.has(String(olena.id)), (muted) => muted, 'her token muted in Yespo');
    h.tg.text(olena, 'hello');
    await h.waitFor(() => messagesTo(h!, olena.id), (m) => m.some((t) => t.includes('/stop to stop them')), 'the owner-chat answer');
    expect((await h.status()).counts.subscribers).toBe(0);
  });

  it('an imported list naming her chat does not make her a subscriber', async () => {
    h = await startEngine();
    await ready(h);
    const { link } = await h.engine.api.startOwnerAlerts(undefined);
    const olena = h.tg.user(undefined, { first_name: 'Olena' });
    h.tg.start(olena, payloadOf(link!));
    await h.waitFor(() => h!.engine.api.getOwnerAlerts(undefined), (a) => a.state === 'on', 'alerts on');
    const report = await h.engine.api.importSubscribers({ csv: `Chat ID;Name\n${olena.id};Olena\n900000001;Taras\n` });
    expect(report).toMatchObject({ imported: 1, skipped: 1 });
    expect((await h.engine.api.querySubscribers({})).rows.map((s) => s.chatId)).toEqual([900000001]);
  });

  it('Stop alerts in Settings tells her chat, and a later message of hers is a subscriber’s again', async () => {
    h = await startEngine();
    await ready(h);
    const { link } = await h.engine.api.startOwnerAlerts(undefined);
    const olena = h.tg.user(undefined, { first_name: 'Olena', language_code: 'uk' });
    h.tg.start(olena, payloadOf(link!));
    await h.waitFor(() => h!.engine.api.getOwnerAlerts(undefined), (a) => a.state === 'on', 'alerts on');
    expect(await h.engine.api.stopOwnerAlerts(undefined)).toEqual({ state: 'off' });
    await h.waitFor(() => messagesTo(h!, olena.id), (m) => m.length === 2, 'the goodbye');
    expect(messagesTo(h, olena.id)[1]).toContain('Сповіщення вимкнено');
    h.tg.start(olena);
    await h.waitFor(() => h!.status(), (s) => s.counts.subscribers === 1, 'her Start as a subscriber');
  });
});

describe('desktop notifications', () => {
  it('tell the host once per state entered, with the screen that fixes it, and not again after a restart', async () => {
    const host = fakeHost();
    h = await startEngine({ host });
    await ready(h);
    h.yespo.setApiKey('ANOTHERKEY');
    h.tg.start(h.tg.user());
    await h.waitFor(() => host.notifications.length, (n) => n === 1, 'a notification');
    expect(host.notifications[0]).toEqual({ title: 'Yespo doesn’t accept the API key', body: expect.stringContaining('new API key'), route: '/settings?section=api-key' });

    h.tg.setWebhook('https://other.example/hook');
    await h.waitFor(() => host.notifications.length, (n) => n === 2, 'the second notification');
    expect(host.notifications[1]).toMatchObject({ title: 'Another service is receiving the bot’s messages', route: '/' });

    await h.restart();
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'webhook-set' && s.sync.state === 'paused-auth', 'both states after the restart');
    // A new state after the restart: the look that notifies it sees the two old ones too.
    h.tg.revokeToken();
    await h.waitFor(() => host.notifications.length, (n) => n >= 3, 'the new state’s notification');
    expect(host.notifications.map((n) => n.route)).toEqual(['/settings?section=api-key', '/', '/settings?section=bot']);
  });

  it('a host without notifications, and the headless shell, are never asked', async () => {
    const host = fakeHost({ notifications: false });
    h = await startEngine({ host });
    await ready(h);
    h.tg.setWebhook('https://other.example/hook');
    await h.waitFor(() => h!.status(), (s) => s.notices.some((n) => n.code === 'webhook-set'), 'the webhook notice');
    await h.engine.api.switchBotToThisApp(undefined);
    await h.waitFor(() => h!.status(), (s) => s.bot.state === 'polling', 'polling');
    expect(host.notifications).toEqual([]);
  });
});
