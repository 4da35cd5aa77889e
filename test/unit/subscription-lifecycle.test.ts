import { describe, expect, it } from 'vitest';
import { COLLECTIONS, outboxId, subscriberKey, type OutboxItem, type ReplyItem, type StoredSubscriber } from '../../electron/core/store/schema.js';
import type { Store } from '../../electron/core/store/store.js';
import { yespoTraces } from '../../electron/core/subscribers/forget.js';
import { botCommands } from '../../electron/core/telegram/bot-menu.js';
import { parseStop } from '../../electron/core/telegram/start-command.js';
import { applyUpdate } from '../../electron/core/telegram/updates.js';
import { createLogger } from '../../electron/core/log.js';
import { YespoError } from '../../electron/core/yespo/errors.js';
import { OutboxIndex } from '../../electron/core/yespo/outbox-index.js';
import { OutboxWriter } from '../../electron/core/yespo/outbox-writer.js';
import { scratchStores } from '../support/scratch-store.js';
import { BOT_ID, updateContext } from '../support/update-context.js';

const CHAT = 5001;
let updateId = 1;

function message(text: string, languageCode = 'uk') {
  return {
    update_id: updateId++,
    message: { message_id: updateId, date: 1, chat: { id: CHAT, type: 'private' }, from: { id: CHAT, is_bot: false, first_name: 'Olena', language_code: languageCode }, text },
  };
}

function membership(status: 'kicked' | 'member') {
  const user = { id: CHAT, is_bot: false, first_name: 'Olena' };
  const old = status === 'kicked' ? 'member' : 'kicked';
  return {
    update_id: updateId++,
    my_chat_member: { chat: { id: CHAT, type: 'private' }, from: user, date: 1, old_chat_member: { status: old, user }, new_chat_member: { status, user } },
  };
}

async function apply(store: Store, update: object, now: number): Promise<void> {
  const tx = store.tx();
  applyUpdate(tx, { ...updateContext(store, now), settings: { ...updateContext(store).settings, askPhone: false, askEmail: false } }, update as never);
  await store.commit(tx);
}

const subscriber = (store: Store) => store.get<StoredSubscriber>(COLLECTIONS.subscribers, subscriberKey(BOT_ID, CHAT));
const outbox = (store: Store, kind: 'mute' | 'unmute') => store.get<OutboxItem>(COLLECTIONS.outbox, outboxId(kind, BOT_ID, CHAT));
const replies = (store: Store) => [...store.collection<ReplyItem>(COLLECTIONS.replies).values()].map((r) => r.message);
const events = (store: Store) => (store.get<Array<{ type: string }>>(COLLECTIONS.events, subscriberKey(BOT_ID, CHAT)) ?? []).map((e) => e.type);

describe('/stop parsing', () => {
  it('reads /stop and /stop@this_bot, nothing else', () => {
    expect(parseStop('/stop')).toBe(true);
    expect(parseStop(' /stop@Shop_Bot ', 'shop_bot')).toBe(true);
    expect(parseStop('/stop now')).toBe(true);
    expect(parseStop('/stop@other_bot', 'shop_bot')).toBe(false);
    expect(parseStop('/stopped')).toBe(false);
    expect(parseStop('stop')).toBe(false);
  });
});

describe('the bot menu', () => {
  it('offers Start and Stop, described in the asked language', () => {
    const en = botCommands('en');
    const uk = botCommands('uk');
    expect(en.map((c) => c.command)).toEqual(['start', 'stop']);
    expect(uk.map((c) => c.command)).toEqual(['start', 'stop']);
    expect(uk[1].description).not.toBe(en[1].description);
    for (const c of [...en, ...uk]) expect(c.description.length).toBeGreaterThan(0);
  });
});

describe('what a forgotten subscriber leaves in Yespo', () => {
  const base: StoredSubscriber = {
    botId: 1,
    chatId: 123,
    firstName: 'Olena',
    state: 'active',
    firstStartAt: 0,
    lastStartAt: 0,
    yespo: { state: 'synced' },
    tokenInYespo: true,
  };

  it('names every identifier sent with the token and what was added later', () => {
    const s = { ...base, phone: '380501112233', email: 'o@shop.ua', pushed: { externalCustomerId: 'tg-123', at: 1 } };
    expect(yespoTraces(s)).toEqual([
      { kind: 'externalCustomerId', value: 'tg-123' },
      { kind: 'phone', value: '380501112233' },
      { kind: 'email', value: 'o@shop.ua' },
    ]);
    expect(yespoTraces({ ...base, pushed: { contactId: 77, phone: '380501112233', at: 1 }, phone: '380501112233' })).toEqual([
      { kind: 'contactId', value: '77' },
      { kind: 'phone', value: '380501112233' },
    ]);
  });

  it('is nothing when the token never reached Yespo', () => {
    expect(yespoTraces({ ...base, phone: '380501112233', tokenInYespo: false, yespo: { state: 'pending' } })).toEqual([]);
  });
});

describe('/stop and /start again', () => {
  const open = scratchStores();

  it('unsubscribes with a mute until unmuted, confirms in their language, and /start brings them back', async () => {
    const store = await open();
    await apply(store, message('/start'), 1_000);
    await apply(store, message('/stop'), 2_000);
    expect(subscriber(store)).toMatchObject({ state: 'unsubscribed', unsubscribedAt: 2_000 });
    const mute = outbox(store, 'mute');
    expect(mute).toBeDefined();
    expect(mute?.seconds).toBeUndefined();
    expect(replies(store)).toContain('stopped');
    expect(events(store)).toEqual(['started', 'unsubscribed']);

    await apply(store, message('/start'), 3_000);
    expect(subscriber(store)?.state).toBe('active');
    expect(subscriber(store)?.unsubscribedAt).toBeUndefined();
    expect(outbox(store, 'unmute')).toBeDefined();
    // A mute still waiting would land after the unmute and silence them again.
    expect(outbox(store, 'mute')).toBeUndefined();
    expect(events(store)).toEqual(['started', 'unsubscribed', 'resubscribed', 'started']);
  });

  it('keeps a blocked unsubscriber unsubscribed, and an unblock does not subscribe them again', async () => {
    const store = await open();
    await apply(store, message('/start'), 1_000);
    await apply(store, message('/stop'), 2_000);
    await apply(store, membership('kicked'), 3_000);
    expect(subscriber(store)).toMatchObject({ state: 'unsubscribed', blockedAt: 3_000, tokenInYespo: false });
    await apply(store, membership('member'), 4_000);
    expect(subscriber(store)?.state).toBe('unsubscribed');
    expect(subscriber(store)?.blockedAt).toBeUndefined();
    expect(outbox(store, 'unmute')).toBeUndefined();
    expect(events(store)).toEqual(['started', 'unsubscribed', 'blocked', 'unblocked']);
  });

  it('drops a forgotten person’s waiting mute when they subscribe afresh, so it cannot silence the new push', async () => {
    const store = await open();
    const id = outboxId('mute', BOT_ID, CHAT);
    await store.commit(store.tx().put(COLLECTIONS.outbox, id, { id, kind: 'mute', botId: BOT_ID, chatId: CHAT, createdAt: 1, attempts: 0, nextAttemptAt: 1, state: 'waiting' }));
    await apply(store, message('/start'), 1_000);
    expect(subscriber(store)?.state).toBe('active');
    expect(outbox(store, 'mute')).toBeUndefined();
  });

  it('answers a /stop from someone who never subscribed without making them a subscriber', async () => {
    const store = await open();
    await apply(store, message('/stop', 'en'), 1_000);
    expect(subscriber(store)).toBeUndefined();
    expect(replies(store)).toEqual(['stopped']);
    expect(outbox(store, 'mute')).toBeUndefined();
  });

  it('confirms a second /stop without queuing or recording it again', async () => {
    const store = await open();
    await apply(store, message('/start'), 1_000);
    await apply(store, message('/stop'), 2_000);
    await apply(store, message('/stop'), 3_000);
    expect(subscriber(store)?.unsubscribedAt).toBe(2_000);
    expect(events(store)).toEqual(['started', 'unsubscribed']);
    expect(replies(store).filter((m) => m === 'stopped')).toHaveLength(2);
  });
});

describe('a forgotten subscriber’s mute', () => {
  const open = scratchStores();

  it('refused by Yespo, is listed as failed without starting a new story for them', async () => {
    const store = await open();
    const id = outboxId('mute', BOT_ID, CHAT);
    const item: OutboxItem = { id, kind: 'mute', botId: BOT_ID, chatId: CHAT, createdAt: 1, attempts: 0, nextAttemptAt: 1, state: 'waiting' };
    await store.commit(store.tx().put(COLLECTIONS.outbox, id, item));
    const outboxMap = store.collection<OutboxItem>(COLLECTIONS.outbox);
    const index = new OutboxIndex(outboxMap);
    index.rebuild();
    const writer = new OutboxWriter({ store, outbox: outboxMap, index, gate: {} as never, now: () => 5, logger: createLogger({ level: 'silent' }), notify: () => {} });
    await writer.markFailed(item, new YespoError('HTTP 400', 400, 'Token must be specified'));
    expect(outbox(store, 'mute')?.state).toBe('failed');
    expect(store.get(COLLECTIONS.events, subscriberKey(BOT_ID, CHAT))).toBeUndefined();
  });
});
