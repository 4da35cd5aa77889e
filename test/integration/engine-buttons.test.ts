import { afterEach, describe, expect, it } from 'vitest';
import { YESPO_EVENT_KEYS } from '../../electron/core/contract/yespo-events.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const paramsOf = (event: { params: Record<string, unknown> }) => event.params;

describe('engine: buttons in newsletters', () => {
  it('answers a press at once, records it, and sends it to Yespo as an event after the token push', async () => {
    h = await startEngine();
    await h.configure();
    const { tg, yespo, engine } = h;
    const u = tg.user(undefined, { first_name: 'Olena' });
    tg.start(u);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    const queryId = tg.pressButton(u, 'promo_spring');

    await h.waitFor(() => tg.callbackAnswers, (a) => a.length === 1, 'the answer to the button');
    expect(tg.callbackAnswers[0].queryId).toBe(queryId);
    const [event] = await h.waitFor(() => yespo.events, (e) => e.length === 1, 'the button event in Yespo');
    const contact = yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(u.id)))!;
    expect(event).toMatchObject({ eventTypeKey: YESPO_EVENT_KEYS.button, contactId: contact.id });
    expect(paramsOf(event)).toEqual({ externalCustomerId: `tg-${u.id}`, chatId: String(u.id), identifiedBy: 'anonymous', data: 'promo_spring' });
    const story = await engine.api.getSubscriber({ chatId: u.id });
    expect(story.events).toContainEqual({ at: expect.any(Number), type: 'button-pressed', detail: 'promo_spring' });
  });

  it('holds a press made before the token push until Yespo has the contact', async () => {
    h = await startEngine();
    await h.configure();
    const { tg, yespo } = h;
    yespo.outage(true);
    const u = tg.user();
    tg.start(u);
    tg.pressButton(u, 'early');
    await h.waitFor(() => tg.callbackAnswers.length, (n) => n === 1, 'the answer, while Yespo is down');
    yespo.outage(false);
    await h.waitFor(() => yespo.events.length, (n) => n === 1, 'the button event');
    const tokenAt = yespo.tokenRequests.find((r) => r.status === 200)!.at;
    const eventAt = yespo.requests.find((r) => r.path === '/v2/event' && r.status === 200)!.at;
    expect(eventAt).toBeGreaterThanOrEqual(tokenAt);
    expect(yespo.requests.filter((r) => r.path === '/v2/event' && r.status !== 200 && r.status !== 503)).toEqual([]);
  });
});

describe('engine: join and leave events', () => {
  it('sends a join event with source, language and identity after the push, and a leave event on block', async () => {
    h = await startEngine();
    await h.configure();
    await h.engine.api.updateSettings({ subscriptionEvents: true });
    const { tg, yespo } = h;
    const u = tg.user(undefined, { language_code: 'uk' });
    tg.start(u, 'crm_999');
    const [joined] = await h.waitFor(() => yespo.events, (e) => e.length === 1, 'the join event');
    expect(joined.eventTypeKey).toBe(YESPO_EVENT_KEYS.joined);
    expect(paramsOf(joined)).toEqual({ externalCustomerId: `tg-${u.id}`, chatId: String(u.id), identifiedBy: 'anonymous', source: 'crm_999', sourceKind: 'tag', language: 'uk' });
    tg.block(u);
    const left = await h.waitFor(() => yespo.events, (e) => e.length === 2, 'the leave event');
    expect(left[1]).toMatchObject({ eventTypeKey: YESPO_EVENT_KEYS.left, contactId: joined.contactId, params: { reason: 'blocked', chatId: String(u.id) } });
  });

  it('sends neither with the setting off: the button event queued after them goes alone', async () => {
    h = await startEngine();
    await h.configure();
    const { tg, yespo } = h;
    const u = tg.user();
    tg.start(u);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    tg.block(u);
    await h.waitFor(() => h!.engine.api.getSubscriber({ chatId: u.id }), (d) => d.subscriber.state === 'blocked', 'the block');
    tg.start(u);
    await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1 && s.counts.active === 1, 'the subscriber back in Yespo');
    tg.pressButton(u, 'after');
    await h.waitFor(() => yespo.events.length, (n) => n >= 1, 'the button event');
    expect(yespo.events.map((e) => e.eventTypeKey)).toEqual([YESPO_EVENT_KEYS.button]);
  });
});
