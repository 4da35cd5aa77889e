import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import type { SubscriberDetail } from '../../electron/core/contract/types.js';
import { YespoClient } from '../../electron/core/yespo/client.js';
import type { FakeUser } from '../fakes/telegram/server.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const MINUTE = 60_000;

/** The engine's clock runs with the real one, moved on by `skip` when a test lets minutes pass. */
function clock(): { now: () => number; skip(ms: number): number } {
  let skew = 0;
  return {
    now: () => Date.now() + skew,
    skip(ms) {
      skew += ms;
      return Date.now() + skew;
    },
  };
}

async function configured(settings: { askPhone?: boolean; askEmail?: boolean }, now?: () => number): Promise<EngineHarness> {
  h = await startEngine({ now });
  await h.configure();
  await h.engine.api.updateSettings(settings);
  return h;
}

async function asked(hh: EngineHarness, u: FakeUser, count: number): Promise<void> {
  await hh.waitFor(() => hh.tg.sent.filter((m) => m.chatId === u.id).length, (n) => n >= count, `the bot's message ${count} to ${u.id}`);
}

const holderOf = (hh: EngineHarness, u: FakeUser) => hh.yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(u.id)));

/** The subscriber's detail, or null before their /start is stored. */
const detailOf = (hh: EngineHarness, u: FakeUser) => hh.engine.api.getSubscriber({ chatId: u.id }).catch(() => null);

async function until(hh: EngineHarness, u: FakeUser, ok: (d: SubscriberDetail) => boolean, what: string): Promise<SubscriberDetail> {
  return (await hh.waitFor(() => detailOf(hh, u), (d) => d !== null && ok(d), what))!;
}

const synced = (hh: EngineHarness, u: FakeUser) => until(hh, u, (d) => d.subscriber.yespo.state === 'synced', `subscriber ${u.id} in Yespo`);

describe('identity: the push waits for the phone or email the bot asked for', () => {
  it('puts the token on the customer Yespo already knows by phone, and creates no second contact', async () => {
    const hh = await configured({ askPhone: true });
    await new YespoClient({ apiRoot: hh.yespo.url, apiKey: hh.yespo.apiKey }).updateContact({ phone: '380501112233', firstName: 'Olena' });
    const customer = hh.yespo.contacts[0];
    const u = hh.tg.user(undefined, { first_name: 'Olena' });
    hh.tg.start(u);
    await asked(hh, u, 2);
    hh.tg.shareContact(u, { phone: '+380 50 111 22 33', userId: u.id, firstName: 'Olena' });
    const detail = await synced(hh, u);
    expect(hh.yespo.contacts).toHaveLength(1);
    expect(holderOf(hh, u)?.id).toBe(customer.id);
    expect(hh.yespo.contacts.some((c) => c.externalCustomerId === `tg-${u.id}`)).toBe(false);
    expect(detail.subscriber).toMatchObject({ identity: { kind: 'phone', value: '380501112233' }, identityReason: 'phone' });
  });

  it('pushes anonymously once the waiting time has passed without an answer', async () => {
    const c = clock();
    const hh = await configured({ askPhone: true }, c.now);
    await hh.engine.api.updateSettings({ identityWaitMinutes: 5 });
    const u = hh.tg.user();
    hh.tg.start(u);
    await asked(hh, u, 2);
    const passed = c.skip(5 * MINUTE + 1);
    const detail = await synced(hh, u);
    expect(detail.subscriber.yespo.pushedAt).toBeGreaterThanOrEqual(passed);
    expect(holderOf(hh, u)?.externalCustomerId).toBe(`tg-${u.id}`);
    expect(detail.subscriber.identityReason).toBe('anonymous');
  });

  it('lets the push go at once when the person writes something else instead', async () => {
    const hh = await configured({ askPhone: true });
    const u = hh.tg.user();
    hh.tg.start(u);
    await asked(hh, u, 2);
    const declinedAt = Date.now();
    hh.tg.text(u, 'no, thanks');
    await synced(hh, u);
    expect(hh.yespo.tokenRequests.map((r) => r.at >= declinedAt)).toEqual([true]);
    expect(holderOf(hh, u)?.externalCustomerId).toBe(`tg-${u.id}`);
  });

  it('pushes a signed website link at once, even with the phone asked', async () => {
    const hh = await configured({ askPhone: true });
    const link = await hh.engine.api.getDeepLink({ externalCustomerId: 'crm-77' });
    const u = hh.tg.user();
    hh.tg.start(u, link.payload);
    const detail = await synced(hh, u);
    expect(holderOf(hh, u)?.externalCustomerId).toBe('crm-77');
    expect(detail.subscriber.identityReason).toBe('signed-link');
  });
});

/** What the engine stored for a subscriber, read with the engine stopped (and started again after). */
async function storedRecord(hh: EngineHarness, u: FakeUser): Promise<StoredSubscriber | undefined> {
  await hh.engine.stop();
  const store = await Store.open(path.join(hh.dataDir, 'store'));
  const record = store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(hh.tg.botId, u.id));
  await store.close();
  await hh.engine.start();
  return record;
}

describe('identity: Yespo is asked which contact holds a token pushed before', () => {
  it('pushes a comeback with the contact Yespo says holds the token', async () => {
    const hh = await configured({});
    const u = hh.tg.user();
    hh.tg.start(u);
    await synced(hh, u);
    const first = holderOf(hh, u);
    hh.tg.block(u);
    await until(hh, u, (d) => d.subscriber.state === 'blocked', 'the block');
    await hh.engine.api.updateSettings({ askPhone: true });
    hh.tg.start(u);
    await asked(hh, u, 3);
    hh.tg.shareContact(u, { phone: '380509998877', userId: u.id });
    const detail = await until(hh, u, (d) => d.subscriber.yespo.state === 'synced' && d.subscriber.state === 'active' && hh.yespo.tokenRequests.length === 2, 'the second push');
    expect(hh.yespo.tokenRequests[1].tokens).toEqual([{ token: String(u.id), contactId: first?.id, phone: '380509998877' }]);
    expect(hh.yespo.contacts).toHaveLength(1);
    expect(detail.subscriber).toMatchObject({ identity: { kind: 'contactId', value: String(first?.id) }, identityReason: 'token-lookup' });
    expect((await storedRecord(hh, u))?.tokenLookup).toEqual({ at: expect.any(Number), contactId: first?.id });
  });

  it('pushes as usual when Yespo does not know the token (404)', async () => {
    const hh = await configured({});
    const u = hh.tg.user();
    hh.tg.start(u);
    await synced(hh, u);
    hh.tg.block(u);
    await until(hh, u, (d) => d.subscriber.state === 'blocked', 'the block');
    hh.yespo.removeToken(String(u.id));
    hh.tg.unblock(u);
    const detail = await until(hh, u, (d) => d.subscriber.state === 'active' && d.subscriber.yespo.state === 'synced' && hh.yespo.tokenRequests.length === 2, 'the second push');
    const lookups = hh.yespo.requests.filter((r) => r.path === `/v1/contact/token/${hh.yespo.appUuid}/${u.id}/contactId`);
    expect(lookups.map((r) => r.status)).toEqual([404]);
    expect(hh.yespo.tokenRequests[1].tokens).toEqual([{ token: String(u.id), externalCustomerId: `tg-${u.id}` }]);
    expect(detail.subscriber.identityReason).toBe('anonymous');
    expect((await storedRecord(hh, u))?.tokenLookup).toEqual({ at: expect.any(Number) });
  });
});
