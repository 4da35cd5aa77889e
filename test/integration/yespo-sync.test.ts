import { describe, expect, it } from 'vitest';
import { Tx } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type StoredEvent, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { identityOf } from '../../electron/core/yespo/identity.js';
import { queueOutbox } from '../../electron/core/yespo/queue.js';
import { acceptedTokenCounts, BOT_ID, chatIds, lanesLookAgain, outboxItem, seed, sub, subscriber, waitFor, type SyncUnderTest } from './fixtures/yespo-world.js';
import { syncWorld } from './fixtures/sync-world.js';

const world = syncWorld('tcy-yespo-', { repeatWindowMs: 300 });
const { started } = world;

const events = (chatId: number): StoredEvent[] => world.store.get<StoredEvent[]>(COLLECTIONS.events, subscriberKey(BOT_ID, chatId)) ?? [];
const contactOf = (chatId: number) => world.fake.contacts.find((c) => c.tokens.some((t) => t.token === String(chatId)));
const idle = (u: SyncUnderTest, ms?: number) => waitFor(() => u.sync.status(), (s) => s.state === 'idle' && s.pending === 0, 'the sync to be idle', ms);

function expectEachOnce(ids: number[]): void {
  const counts = acceptedTokenCounts(world.fake.tokenRequests);
  for (const id of ids) expect(counts.get(String(id)), `token ${id}`).toBe(1);
  expect(world.store.collection(COLLECTIONS.outbox).size).toBe(0);
  for (const id of ids) expect(contactOf(id), `contact of ${id}`).toBeDefined();
}

describe('pushing subscribers', () => {
  it('pushes queued subscribers in batches and records what was sent', async () => {
    const ids = chatIds(1_000, 250);
    await seed(world.store, [
      ...ids.slice(0, 248).map((id) => subscriber(id)),
      subscriber(ids[248], { phone: '380501234567', email: 'olena@example.com' }),
      subscriber(ids[249], { signedIdentity: { kind: 'externalCustomerId', value: 'shop-42' }, email: 'shop@example.com' }),
    ]);
    const u = started({ config: { batchSize: 100 } });
    expect(u.sync.status().pending).toBe(250);
    const status = await idle(u);

    expectEachOnce(ids);
    expect(world.fake.tokenRequests.filter((r) => r.status === 200).map((r) => r.tokens.length).sort()).toEqual([100, 100, 50]);
    expect(status).toMatchObject({ state: 'idle', pending: 0, failed: 0 });
    expect(status.lastSuccessAt).toBeGreaterThan(Date.now() - 60_000);
    expect(status.apiKeyIdleDays).toBe(0);

    const anon = sub(world.store, ids[0])!;
    expect(anon.tokenInYespo).toBe(true);
    expect(anon.yespo.state).toBe('synced');
    expect(anon.pushed).toMatchObject({ externalCustomerId: `tg-${ids[0]}` });
    expect(contactOf(ids[0])!.externalCustomerId).toBe(`tg-${ids[0]}`);
    expect(events(ids[0]).map((e) => e.type)).toEqual(['pushed']);

    // Phone and email go along; the anonymous id does not land on a contact that has real channels.
    const withPhone = sub(world.store, ids[248])!;
    expect(identityOf(withPhone, 'tg-')).toEqual({ kind: 'phone', value: '380501234567' });
    expect(withPhone.pushed).toMatchObject({ phone: '380501234567', email: 'olena@example.com' });
    expect(contactOf(ids[248])).toMatchObject({ phone: '380501234567', email: 'olena@example.com' });
    expect(contactOf(ids[248])!.externalCustomerId).toBeUndefined();

    const signed = sub(world.store, ids[249])!;
    expect(identityOf(signed, 'tg-')).toEqual({ kind: 'externalCustomerId', value: 'shop-42' });
    expect(contactOf(ids[249])).toMatchObject({ externalCustomerId: 'shop-42', email: 'shop@example.com' });
    expect(world.store.get(COLLECTIONS.meta, 'yespo')).toEqual({ lastSuccessAt: status.lastSuccessAt });
  });

  it('adds the token to an existing contact found by phone without touching its identifiers', async () => {
    const other = await fetch(`${world.fake.url}/v1/contact`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`x:${world.fake.apiKey}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalCustomerId: 'shop-1', channels: [{ type: 'sms', value: '380671112233' }] }),
    });
    expect(other.status).toBe(200);
    await seed(world.store, [subscriber(5, { phone: '380671112233' })]);
    const u = started();
    await idle(u);
    expect(contactOf(5)).toMatchObject({ externalCustomerId: 'shop-1', phone: '380671112233' });
    expect(world.fake.contacts).toHaveLength(1);
  });

  it('drops pushes for blocked, deleted, vanished and already-pushed subscribers', async () => {
    await seed(world.store, [subscriber(1), subscriber(2, { state: 'blocked' }), subscriber(3, { state: 'deleted' }), subscriber(4, { tokenInYespo: true })]);
    const tx = new Tx();
    queueOutbox(tx, world.store, 'token', BOT_ID, 5, Date.now());
    await world.store.commit(tx);
    const u = started();
    await idle(u);
    expect([...acceptedTokenCounts(world.fake.tokenRequests).keys()]).toEqual(['1']);
    expect(world.store.collection(COLLECTIONS.outbox).size).toBe(0);
  });

  it('picks up work queued while it runs', async () => {
    const u = started();
    await idle(u);
    await seed(world.store, [subscriber(77)]);
    u.sync.wake();
    await waitFor(() => sub(world.store, 77)?.tokenInYespo, (v) => v === true, 'the new subscriber to be pushed');
    expectEachOnce([77]);
  });

  it('an outage during a burst loses nothing and sends each token once', async () => {
    const ids = chatIds(10_000, 2_000);
    await seed(world.store, ids.map((id) => subscriber(id)));
    const u = started({ config: { batchSize: 20 } });
    await waitFor(() => world.fake.tokenRequests.filter((r) => r.status === 200).length, (n) => n >= 3, 'a few batches');
    world.fake.outage(true);
    const during = await waitFor(() => u.sync.status(), (s) => s.state === 'backing-off', 'the sync to back off');
    expect(during.pending).toBeGreaterThan(0);
    expect(during.nextTryAt).toBeGreaterThan(Date.now() - 1_000);
    expect(during.detail).toMatch(/503/);
    await waitFor(() => u.sync.failures().find((g) => g.cause === 'waiting-retry'), (g) => !!g && g.count > 0, 'waiting items to show');
    const waiting = u.sync.failures().find((g) => g.cause === 'waiting-retry')!;
    expect(waiting.retryable).toBe(true);
    expect(waiting.items[0].nextAttemptAt).toBeGreaterThan(0);
    expect(waiting.items[0].detail).toMatch(/503/);
    // Let it fail a few times, then come back.
    await waitFor(() => world.fake.tokenRequests.filter((r) => r.status === 503).length, (n) => n >= 3, 'several failed attempts');
    world.fake.outage(false);
    await idle(u, 30_000);
    expectEachOnce(ids);
    expect(u.sync.failures()).toEqual([]);
  });

  it('rides out a 429 storm without Retry-After, backing off exponentially', async () => {
    const ids = chatIds(1, 300);
    await seed(world.store, ids.map((id) => subscriber(id)));
    world.fake.failNext(8, { status: 429 }, /tokens/);
    const u = started({ config: { batchSize: 50 }, timing: { lanes: 1 } });
    await idle(u, 30_000);
    expectEachOnce(ids);
    const refused = world.fake.tokenRequests.filter((r) => r.status === 429);
    expect(refused).toHaveLength(8);
    // Backoff at a hundredth of the product's: 10 ms, then up to 20, 40 ... ms between the 429s.
    const gaps = refused.slice(1).map((r, i) => r.at - refused[i].at);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(10);
  });

  it('honours Retry-After in a 429 storm', async () => {
    const ids = chatIds(1, 100);
    await seed(world.store, ids.map((id) => subscriber(id)));
    world.fake.failNext(3, { status: 429, retryAfter: 30 }, /tokens/);
    const u = started({ config: { batchSize: 50 }, timing: { lanes: 1 } });
    await idle(u, 30_000);
    expectEachOnce(ids);
    const tokens = world.fake.tokenRequests;
    // 30 s at a hundredth is 300 ms; exponential backoff alone would wait about 10-40 ms.
    for (let i = 0; i < 3; i++) expect(tokens[i + 1].at - tokens[i].at, `wait after 429 #${i + 1}`).toBeGreaterThanOrEqual(290);
  });

  it('isolates a bad item by splitting the batch; the rest go through', async () => {
    const ids = chatIds(500, 64);
    await seed(world.store, ids.map((id) => subscriber(id)));
    const bad = ids[37];
    world.fake.rejectToken(String(bad), 'Invalid token value', 'errors-object');
    const u = started({ config: { batchSize: 64 } });
    const status = await waitFor(() => u.sync.status(), (s) => s.state === 'idle' && s.failed === 1, 'the bad item to fail');
    expect(status.pending).toBe(0);

    const counts = acceptedTokenCounts(world.fake.tokenRequests);
    for (const id of ids) expect(counts.get(String(id)), `token ${id}`).toBe(id === bad ? undefined : 1);
    expect(world.fake.tokenRequests.length).toBeLessThanOrEqual(1 + 2 * Math.log2(64));

    expect(outboxItem(world.store, 'token', bad)).toMatchObject({ state: 'failed', lastError: 'Invalid token value' });
    expect(sub(world.store, bad)!.yespo).toEqual({ state: 'failed', error: 'Invalid token value' });
    expect(events(bad).map((e) => [e.type, e.detail])).toEqual([['push-failed', 'Invalid token value']]);
    const [group] = u.sync.failures();
    expect(group).toMatchObject({ cause: 'yespo-rejected', count: 1, retryable: true });
    expect(group.items[0]).toMatchObject({ chatId: bad, detail: 'Invalid token value', name: `First${bad} Last${bad}` });

    // Retrying puts it back in the queue; Yespo still refuses it, so it fails again on its own.
    expect(await u.sync.retry('yespo-rejected')).toBe(1);
    expect(sub(world.store, bad)!.yespo.state).toBe('pending');
    await waitFor(() => outboxItem(world.store, 'token', bad)?.state, (s) => s === 'failed', 'the retried item to fail again');
    expect(acceptedTokenCounts(world.fake.tokenRequests).get(String(bad))).toBeUndefined();
  });

  it('halves batches Yespo finds too large and keeps the smaller size', async () => {
    const ids = chatIds(1, 200);
    await seed(world.store, ids.map((id) => subscriber(id)));
    world.fake.maxBatch(30);
    const u = started({ config: { batchSize: 200 }, timing: { lanes: 1 } });
    await idle(u);
    expectEachOnce(ids);
    expect(u.sync.status().failed).toBe(0);
    const sizes = world.fake.tokenRequests.map((r) => r.tokens.length);
    expect(sizes.slice(0, 4)).toEqual([200, 100, 50, 25]);
    expect(Math.max(...sizes.slice(4))).toBeLessThanOrEqual(25);
  });
});

describe('pauses', () => {
  it('pauses on 401 without touching the queue, and resumes with a fixed key', async () => {
    await seed(world.store, chatIds(1, 10).map((id) => subscriber(id)));
    const old = world.fake.apiKey;
    world.fake.setApiKey('ROTATED-KEY-123456');
    const u = started({ config: { apiKey: old } });
    const paused = await waitFor(() => u.sync.status(), (s) => s.state === 'paused-auth', 'the auth pause');
    expect(paused.detail).toMatch(/API key/);
    expect(paused.pending).toBe(10);
    const requests = world.fake.requests.length;
    await lanesLookAgain(u);
    expect(world.fake.requests.length).toBe(requests);
    expect(outboxItem(world.store, 'token', 1)).toMatchObject({ attempts: 0, state: 'waiting' });
    expect(JSON.stringify(paused)).not.toContain(old);

    u.config.apiKey = 'ROTATED-KEY-123456';
    await idle(u);
    expectEachOnce(chatIds(1, 10));
  });

  it('pauses on 401 and resumes on syncNow when the same key works again', async () => {
    await seed(world.store, [subscriber(1)]);
    const good = world.fake.apiKey;
    world.fake.setApiKey('SOMETHING-ELSE-999');
    const u = started({ config: { apiKey: good } });
    await waitFor(() => u.sync.status().state, (s) => s === 'paused-auth', 'the auth pause');
    world.fake.setApiKey(good);
    await lanesLookAgain(u);
    expect(u.sync.status().state).toBe('paused-auth');
    expect(world.fake.tokenRequests.filter((r) => r.status === 200)).toHaveLength(0);
    u.sync.syncNow();
    await idle(u);
    expectEachOnce([1]);
  });

  it('pauses on 403 for the tokens endpoint: the key lacks the permission', async () => {
    await seed(world.store, [subscriber(1)]);
    let forbid = true;
    const gate: typeof fetch = async (input, init) =>
      forbid && String(input).includes('/tokens') ? new Response('Access denied for this API key', { status: 403 }) : fetch(input, init);
    const u = started({ fetch: gate });
    const paused = await waitFor(() => u.sync.status(), (s) => s.state === 'paused-auth', 'the auth pause');
    expect(paused.detail).toMatch(/403.*Access denied.*full access/);
    forbid = false;
    u.sync.syncNow();
    await idle(u);
    expectEachOnce([1]);
  });

  it('counts 409 and "Duplicated request" on tokens as accepted', async () => {
    await seed(world.store, chatIds(1, 4).map((id) => subscriber(id)));
    const answers = [new Response('Conflict', { status: 409 }), new Response('{"message":"Duplicated request"}', { status: 400 })];
    const gate: typeof fetch = async (input, init) => answers.shift() ?? fetch(input, init);
    const u = started({ config: { batchSize: 2 }, timing: { lanes: 1 }, fetch: gate });
    await idle(u);
    expect(world.fake.tokenRequests).toHaveLength(0);
    for (const id of chatIds(1, 4)) expect(sub(world.store, id)).toMatchObject({ tokenInYespo: true, yespo: { state: 'synced' } });
    expect(u.sync.status().failed).toBe(0);
  });

  it('pauses with a pointer at the app_uuid on 404 "Not registered application"', async () => {
    await seed(world.store, [subscriber(1), subscriber(2)]);
    world.fake.unregisterApp();
    const u = started();
    const paused = await waitFor(() => u.sync.status(), (s) => s.state === 'paused-app-uuid', 'the app pause');
    expect(paused.detail).toMatch(/app_uuid.*Not registered application/);
    expect(outboxItem(world.store, 'token', 1)).toMatchObject({ attempts: 0, state: 'waiting' });
    world.fake.registerApp();
    u.sync.syncNow();
    await idle(u);
    expectEachOnce([1, 2]);
  });

  it('pauses on 400 "Wrong app uuid" and resumes when the setting changes', async () => {
    await seed(world.store, [subscriber(1)]);
    const u = started({ config: { appUuid: 'not-a-uuid' } });
    const paused = await waitFor(() => u.sync.status(), (s) => s.state === 'paused-app-uuid', 'the app pause');
    expect(paused.detail).toMatch(/Wrong app uuid/);
    u.config.appUuid = world.fake.appUuid;
    await idle(u);
    expectEachOnce([1]);
  });

  it('sends nothing while paused by the owner or not configured', async () => {
    await seed(world.store, [subscriber(1)]);
    const u = started({ config: { paused: true } });
    await lanesLookAgain(u);
    expect(u.sync.status()).toMatchObject({ state: 'paused', pending: 1 });
    u.config.paused = false;
    u.config.apiKey = null;
    await lanesLookAgain(u);
    expect(u.sync.status()).toMatchObject({ state: 'not-configured', pending: 1 });
    expect(world.fake.requests).toHaveLength(0);
    u.config.apiKey = world.fake.apiKey;
    u.sync.wake();
    await idle(u);
    expectEachOnce([1]);
  });

  it('sends nothing with settings that changed while it waited for the disk', async () => {
    await seed(world.store, [subscriber(1)]);
    let diskWaited!: () => void;
    const waiting = new Promise<void>((resolve) => (diskWaited = resolve));
    let saveNow!: () => void;
    const saved = new Promise<void>((resolve) => (saveNow = resolve));
    const slowDisk = new Proxy(world.store, {
      get(target, prop) {
        if (prop === 'durable') {
          return async () => {
            diskWaited();
            await saved;
            return target.durable();
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const u = started({}, slowDisk);
    await waiting;
    // The key is held back, as when the owner points the app at another API root.
    u.config.apiKey = null;
    saveNow();
    await lanesLookAgain(u);
    expect(world.fake.requests).toHaveLength(0);
    expect(outboxItem(world.store, 'token', 1)).toMatchObject({ attempts: 0, state: 'waiting' });

    u.config.apiKey = world.fake.apiKey;
    u.sync.wake();
    await idle(u);
    expectEachOnce([1]);
  });

  it('stops cleanly during a hung request and loses nothing', async () => {
    await seed(world.store, chatIds(1, 5).map((id) => subscriber(id)));
    world.fake.failNext(1, 'hang', /tokens/);
    const u = started();
    await waitFor(() => world.fake.tokenRequests.length, (n) => n === 1, 'the hung request');
    const t0 = Date.now();
    await u.sync.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(world.store.collection(COLLECTIONS.outbox).size).toBe(5);
    expect(outboxItem(world.store, 'token', 1)).toMatchObject({ attempts: 0, state: 'waiting' });
    u.sync.start();
    await idle(u);
    expectEachOnce(chatIds(1, 5));
  });

  it('stops sending while the store cannot write, and carries on when it can', async () => {
    let diskFull = false;
    await world.reopen({
      beforeWrite: () => {
        if (diskFull) throw new Error('ENOSPC: no space left on device');
      },
    });
    await seed(world.store, chatIds(1, 40).map((id) => subscriber(id)));
    diskFull = true;
    const u = started({ config: { batchSize: 10 }, timing: { lanes: 1 } });
    const failed = await waitFor(() => u.sync.status(), (s) => s.state === 'store-failed', 'the store failure');
    expect(failed.detail).toMatch(/ENOSPC/);
    const sent = world.fake.tokenRequests.length;
    await lanesLookAgain(u);
    expect(world.fake.tokenRequests.length).toBe(sent);
    diskFull = false;
    await idle(u);
    expectEachOnce(chatIds(1, 40));
  });
});

describe('contact updates, mute and unmute', () => {
  it('adds a phone shared after the push, with the name, to the contact found by what was pushed', async () => {
    await seed(world.store, [subscriber(1)]);
    const u = started();
    await idle(u);
    const s = sub(world.store, 1)!;
    const tx = new Tx().put(COLLECTIONS.subscribers, subscriberKey(BOT_ID, 1), { ...s, phone: '380509998877' } satisfies StoredSubscriber);
    queueOutbox(tx, world.store, 'contact', BOT_ID, 1, Date.now());
    await world.store.commit(tx);
    u.sync.wake();
    await waitFor(() => outboxItem(world.store, 'contact', 1), (i) => i === undefined, 'the contact update');
    expect(contactOf(1)).toMatchObject({ externalCustomerId: 'tg-1', phone: '380509998877', firstName: 'First1', lastName: 'Last1' });
    expect(events(1).map((e) => e.type)).toEqual(['pushed', 'contact-updated']);
  });

  it('waits for the token push before updating the contact', async () => {
    await seed(world.store, [subscriber(2, { email: 'two@example.com' })]);
    const tx = new Tx();
    queueOutbox(tx, world.store, 'contact', BOT_ID, 2, Date.now());
    await world.store.commit(tx);
    const u = started();
    await waitFor(() => world.store.collection(COLLECTIONS.outbox).size, (n) => n === 0, 'both items');
    expect(world.fake.requests.map((r) => r.path)).toEqual([`/v1/apps/${world.fake.appUuid}/tokens`, '/v1/contact']);
    expect(contactOf(2)).toMatchObject({ email: 'two@example.com', firstName: 'First2' });
    await idle(u);
  });

  it('retries a contact update after "Repeated request within 1 minute"', async () => {
    await seed(world.store, [subscriber(3, { email: 'three@example.com', tokenInYespo: true, pushed: { email: 'three@example.com', at: 1 } })]);
    const u = started({ timing: { repeatWaitMs: 400, retryScale: 1 } });
    for (let round = 0; round < 2; round++) {
      const tx = new Tx();
      queueOutbox(tx, world.store, 'contact', BOT_ID, 3, Date.now());
      await world.store.commit(tx);
      u.sync.wake();
      if (round === 0) await waitFor(() => outboxItem(world.store, 'contact', 3), (i) => i === undefined, 'the first update');
    }
    const waiting = await waitFor(() => outboxItem(world.store, 'contact', 3), (i) => !!i && i.attempts === 1, 'the 409 to postpone the update');
    expect(waiting!.lastError).toMatch(/Repeated request/);
    expect(waiting!.nextAttemptAt - Date.now()).toBeGreaterThan(100);
    await waitFor(() => outboxItem(world.store, 'contact', 3), (i) => i === undefined, 'the update after the minute', 5_000);
    expect(world.fake.requests.filter((r) => r.path === '/v1/contact').map((r) => r.status)).toEqual([200, 409, 200]);
  });

  it('mutes and unmutes a subscriber', async () => {
    await seed(world.store, [subscriber(4, { tokenInYespo: true })]);
    const u = started();
    const mute = new Tx();
    queueOutbox(mute, world.store, 'mute', BOT_ID, 4, Date.now(), 3600);
    await world.store.commit(mute);
    u.sync.wake();
    await waitFor(() => world.fake.mutes.get('4'), (v) => typeof v === 'number', 'the mute');
    expect(world.fake.mutes.get('4')! - Date.now()).toBeGreaterThan(3_500_000);
    const unmute = new Tx();
    queueOutbox(unmute, world.store, 'unmute', BOT_ID, 4, Date.now());
    await world.store.commit(unmute);
    u.sync.wake();
    await waitFor(() => world.fake.mutes.has('4'), (v) => !v, 'the unmute');
    await idle(u);
  });

  it('pauses on an unknown app_uuid for mute too', async () => {
    await seed(world.store, [subscriber(4, { tokenInYespo: true })]);
    world.fake.unregisterApp();
    const tx = new Tx();
    queueOutbox(tx, world.store, 'mute', BOT_ID, 4, Date.now(), 60);
    await world.store.commit(tx);
    const u = started();
    await waitFor(() => u.sync.status().state, (s) => s === 'paused-app-uuid', 'the app pause');
    expect(outboxItem(world.store, 'mute', 4)).toMatchObject({ state: 'waiting' });
  });
});
