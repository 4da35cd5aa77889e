import { describe, expect, it } from 'vitest';
import { Tx } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type StoredEvent, type StoredFailure, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { ACTIVITY_META_KEY, type ActivityMeta } from '../../electron/core/yespo/activity.js';
import { queueOutbox } from '../../electron/core/yespo/queue.js';
import { acceptedTokenCounts, BOT_ID, seed, sub, subscriber, waitFor, type SyncUnderTest } from './fixtures/yespo-world.js';
import { syncWorld } from './fixtures/sync-world.js';

const world = syncWorld('tcy-yespo-activity-');
const { started } = world;

const idle = (u: SyncUnderTest) => waitFor(() => u.sync.status(), (s) => s.state === 'idle' && s.pending === 0, 'the sync to be idle');
const failures = (): StoredFailure[] => [...world.store.collection<StoredFailure>(COLLECTIONS.failures).values()];
const events = (chatId: number): StoredEvent[] => world.store.get<StoredEvent[]>(COLLECTIONS.events, subscriberKey(BOT_ID, chatId)) ?? [];
const contactIdOf = (chatId: number): number => world.fake.contacts.find((c) => c.tokens.some((t) => t.token === String(chatId)))!.id;

async function update(chatId: number, change: (s: StoredSubscriber) => StoredSubscriber, requeue = false): Promise<void> {
  const key = subscriberKey(BOT_ID, chatId);
  const next = change(world.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key)!);
  const tx = new Tx().put(COLLECTIONS.subscribers, key, next);
  if (requeue) queueOutbox(tx, world.store, 'token', BOT_ID, chatId, Date.now());
  await world.store.commit(tx);
}

describe('delivery failures from Yespo', () => {
  it('maps undelivered rows back to the right subscribers through the pushed identifiers', async () => {
    await seed(world.store, [
      subscriber(1),
      subscriber(2, { phone: '380501112233' }),
      subscriber(3, { email: 'three@example.com' }),
      subscriber(4, { signedIdentity: { kind: 'externalCustomerId', value: 'shop-4' } }),
      subscriber(6),
    ]);
    const u = started();
    await idle(u);
    // The failures come after the pushes (a report older than a push says nothing about its token).
    await new Promise((r) => setTimeout(r, 20));
    const base = Date.now();
    const at = (ms: number) => new Date(base - ms).toISOString();
    // Rows as Yespo fills them: the contact's own identifiers, whichever the product pushed.
    world.fake.addUndelivered({ contactId: contactIdOf(1), messageName: 'Spring sale', statusDescription: 'Forbidden: bot was blocked by the user', activityDateTime: at(1) });
    world.fake.addUndelivered({ contactId: contactIdOf(2), messageName: 'Phone news', statusDescription: 'Bad Request: chat not found', activityDateTime: at(2) });
    world.fake.addUndelivered({ contactId: contactIdOf(3), messageName: 'Email news', activityDateTime: at(3) });
    world.fake.addUndelivered({ externalCustomerId: 'shop-4', messageName: 'Shop news', activityDateTime: at(4) });
    world.fake.addUndelivered({ contactId: contactIdOf(6), mediaType: 'email', messageName: 'Not telegram' });
    world.fake.addUndelivered({ externalCustomerId: 'someone-else', messageName: 'Unknown contact' });
    // Muted (left with /stop, or muted by the owner): skipped as asked, not a failure.
    world.fake.addUndelivered({ contactId: contactIdOf(2), messageName: 'Muted news', statusDescription: 'CHANNEL_WAS_MUTED', activityDateTime: at(5) });

    await u.sync.pollActivity();
    const stored = failures().sort((a, b) => a.chatId! - b.chatId!);
    expect(stored.map((f) => [f.chatId, f.messageName])).toEqual([
      [1, 'Spring sale'],
      [2, 'Phone news'],
      [3, 'Email news'],
      [4, 'Shop news'],
    ]);
    expect(stored[0]).toMatchObject({ cause: 'yespo-undelivered', detail: 'Forbidden: bot was blocked by the user', name: 'First1 Last1', botId: BOT_ID });
    expect(stored[0].at).toBe(Date.parse(at(1)));
    expect(events(1).map((e) => [e.type, e.detail])).toEqual([
      ['pushed', 'externalCustomerId tg-1'],
      ['delivery-failed', 'Spring sale: Forbidden: bot was blocked by the user'],
    ]);
    // Forbidden means Yespo dropped the token; other reasons do not.
    expect(sub(world.store, 1)!.tokenInYespo).toBe(false);
    expect(sub(world.store, 2)!.tokenInYespo).toBe(true);

    const group = u.sync.failures().find((g) => g.cause === 'yespo-undelivered')!;
    expect(group).toMatchObject({ count: 4, retryable: false });
    expect(group.items.map((f) => f.chatId)).toEqual([1, 2, 3, 4]);

    // Reading again finds the same rows and stores nothing twice.
    await u.sync.pollActivity();
    expect(failures()).toHaveLength(4);
    expect(events(1).filter((e) => e.type === 'delivery-failed')).toHaveLength(1);
    const meta = world.store.get<ActivityMeta>(COLLECTIONS.meta, ACTIVITY_META_KEY)!;
    expect(meta.lastReadAt).toBeGreaterThan(Date.now() - 60_000);
    expect(meta.cursor).toBeUndefined();

  });

  it('pages through a long report with the offset cursor', async () => {
    await seed(world.store, [subscriber(1)]);
    const u = started({ timing: { activityPageRows: 3 } });
    await idle(u);
    for (let i = 0; i < 8; i++) world.fake.addUndelivered({ externalCustomerId: 'tg-1', messageName: `Issue ${i}`, statusDescription: 'Bad Request: message is too long' });
    await u.sync.pollActivity();
    expect(failures().map((f) => f.messageName).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Issue ${i}`));
    expect(world.fake.requests.filter((r) => r.path === '/v2/contacts/activity')).toHaveLength(3);
  });

  it('turns a 403 into a one-time hint, not an error loop', async () => {
    await seed(world.store, [subscriber(1)]);
    const u = started({ config: { activityPollMinutes: 15 } });
    await idle(u);
    world.fake.forbidActivity(true);
    await u.sync.pollActivity();
    expect(u.sync.activityForbidden).toBe(true);
    const status = u.sync.status();
    expect(status.state).toBe('idle');
    expect(failures()).toHaveLength(0);
    // On demand it asks again; when the key gets the permission, the hint goes away.
    world.fake.forbidActivity(false);
    await u.sync.pollActivity();
    expect(u.sync.activityForbidden).toBe(false);
  });

  it('reads on schedule, but not while the key may not read activity', async () => {
    await seed(world.store, [subscriber(1)]);
    const reads = () => world.fake.requests.filter((r) => r.path === '/v2/contacts/activity').length;
    const schedule = { timing: { activityFirstDelayMs: 10, minuteMs: 20 }, config: { activityPollMinutes: 1 } };
    const u = started(schedule);
    await waitFor(reads, (n) => n >= 3, 'a few scheduled reads');
    await u.sync.stop();

    world.fake.forbidActivity(true);
    const before = reads();
    const again = started(schedule);
    await waitFor(() => again.sync.activityForbidden, (v) => v, 'the 403');
    const rounds = again.sync.scheduledReads;
    await waitFor(() => again.sync.scheduledReads, (n) => n >= rounds + 3, 'three more scheduled reads to come round');
    expect(reads() - before).toBe(1);
    expect(again.sync.status().state).not.toBe('paused-auth');
  });

  it('block → Yespo drops the token → unblock → the token is pushed again', async () => {
    await seed(world.store, [subscriber(42)]);
    const u = started();
    await idle(u);
    expect(acceptedTokenCounts(world.fake.tokenRequests).get('42')).toBe(1);

    // The user blocks the bot; Yespo's next newsletter fails with Forbidden and Yespo removes the token.
    await update(42, (s) => ({ ...s, state: 'blocked', blockedAt: Date.now() }));
    world.fake.removeToken('42');
    world.fake.addUndelivered({ externalCustomerId: 'tg-42', messageName: 'Weekly' });
    await u.sync.pollActivity();
    expect(sub(world.store, 42)!.tokenInYespo).toBe(false);
    expect(failures()).toHaveLength(1);
    expect(world.fake.contacts.find((c) => c.externalCustomerId === 'tg-42')!.tokens).toEqual([]);

    // Unblock: the update handler sees the token is gone and queues it again.
    await update(42, (s) => ({ ...s, state: 'active', blockedAt: undefined }), true);
    u.sync.wake();
    await waitFor(() => sub(world.store, 42)!.tokenInYespo, (v) => v, 'the token to be pushed again');
    expect(acceptedTokenCounts(world.fake.tokenRequests).get('42')).toBe(2);
    expect(world.fake.contacts.find((c) => c.externalCustomerId === 'tg-42')!.tokens.map((t) => t.token)).toEqual(['42']);
    expect(world.fake.contacts).toHaveLength(1);

    // An old report read after the new push does not mark the new token as dropped.
    await u.sync.pollActivity();
    expect(sub(world.store, 42)!.tokenInYespo).toBe(true);
  });

  it('keeps a read interrupted between pages and continues it from the cursor', async () => {
    await seed(world.store, [subscriber(1)]);
    const asked: URL[] = [];
    let failSecondPage = true;
    const fetchSpy: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/v2/contacts/activity')) {
        asked.push(url);
        if (failSecondPage && url.searchParams.has('offset')) {
          failSecondPage = false;
          throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        }
      }
      return fetch(input, init);
    };
    const u = started({ timing: { activityPageRows: 2 }, fetch: fetchSpy });
    await idle(u);
    for (let i = 0; i < 5; i++) world.fake.addUndelivered({ externalCustomerId: 'tg-1', messageName: `N${i}` });

    await u.sync.pollActivity();
    expect(failures().map((f) => f.messageName).sort()).toEqual(['N0', 'N1']);
    const meta = world.store.get<ActivityMeta>(COLLECTIONS.meta, ACTIVITY_META_KEY)!;
    expect(meta.cursor?.offset).toBeTruthy();
    expect(meta.lastReadAt).toBeUndefined();

    await u.sync.pollActivity();
    expect(failures().map((f) => f.messageName).sort()).toEqual(['N0', 'N1', 'N2', 'N3', 'N4']);
    // The second read started where the first one stopped.
    expect(asked[2].searchParams.get('offset')).toBe(meta.cursor!.offset);
    expect(world.store.get<ActivityMeta>(COLLECTIONS.meta, ACTIVITY_META_KEY)!.cursor).toBeUndefined();
  });
});
