import { describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/core/contract/types.js';
import { COLLECTIONS, type OutboxItem } from '../../electron/core/store/schema.js';
import type { Store } from '../../electron/core/store/store.js';
import { COLLECTION as ANSWERS } from '../../electron/core/telegram/callback-answers.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { scratchStores } from '../support/scratch-store.js';
import { BOT_ID, updateContext } from '../support/update-context.js';

const openStore = scratchStores();
let nextUpdateId = 1;
const user = { id: 501, is_bot: false, first_name: 'Olena', language_code: 'uk' };
const chat = { id: 501, type: 'private' };

const start = (payload?: string): TgUpdate => ({ update_id: nextUpdateId++, message: { message_id: 1, date: 1, chat, from: user, text: payload ? `/start ${payload}` : '/start' } });
const press = (id: string, data?: string): TgUpdate => ({
  update_id: nextUpdateId++,
  callback_query: { id, from: user, chat_instance: '1', message: { message_id: 2, date: 1, chat }, ...(data === undefined ? {} : { data }) },
});
const stop = (): TgUpdate => ({ update_id: nextUpdateId++, message: { message_id: 1, date: 1, chat, from: user, text: '/stop' } });
const block = (): TgUpdate => ({ update_id: nextUpdateId++, my_chat_member: { chat, from: user, date: 1, new_chat_member: { status: 'kicked' } } });

async function apply(store: Store, settings: Partial<Settings>, ...updates: TgUpdate[]): Promise<void> {
  const tx = store.tx();
  const ctx = { ...updateContext(store), settings: { ...updateContext(store).settings, askPhone: false, askEmail: false, ...settings } };
  for (const u of updates) applyUpdate(tx, ctx, u);
  await store.commit(tx);
}

const events = (store: Store): OutboxItem[] => [...store.collection<OutboxItem>(COLLECTIONS.outbox).values()].filter((i) => i.kind === 'event');

describe('button presses', () => {
  it('queues the answer, records the press and queues an event with the data', async () => {
    const store = await openStore();
    await apply(store, {}, start(), press('q1', 'promo_spring'));
    expect([...store.collection(ANSWERS).values()]).toEqual([{ id: 'q1', botId: BOT_ID, chatId: 501, createdAt: expect.any(Number) }]);
    expect(store.get(COLLECTIONS.events, `${BOT_ID}:501`)).toContainEqual({ at: expect.any(Number), type: 'button-pressed', detail: 'promo_spring' });
    expect(events(store).map((i) => i.event)).toEqual([{ kind: 'button', params: { data: 'promo_spring' } }]);
  });

  it('answers a press from a stranger or without data, and sends nothing to Yespo for it', async () => {
    const store = await openStore();
    await apply(store, {}, press('q2', 'x'));
    await apply(store, {}, start(), press('q3'));
    expect([...store.collection(ANSWERS).keys()].sort()).toEqual(['q2', 'q3']);
    expect(events(store)).toEqual([]);
  });
});

describe('join and leave events', () => {
  it('are queued only with the setting on', async () => {
    const off = await openStore();
    await apply(off, {}, start('crm_999'), block(), start());
    expect(events(off)).toEqual([]);

    const on = await openStore();
    await apply(on, { subscriptionEvents: true }, start('crm_999'), start(), block(), start());
    expect(events(on).map((i) => i.event)).toEqual([
      { kind: 'joined', params: { source: 'crm_999', sourceKind: 'tag', language: 'uk' } },
      { kind: 'left', params: { reason: 'blocked', language: 'uk' } },
      { kind: 'joined', params: { source: 'crm_999', sourceKind: 'tag', language: 'uk' } },
    ]);
  });

  it('/stop is a leave, and /start after it a join', async () => {
    const store = await openStore();
    await apply(store, { subscriptionEvents: true }, start('crm_999'), stop(), start());
    expect(events(store).map((i) => i.event)).toEqual([
      { kind: 'joined', params: { source: 'crm_999', sourceKind: 'tag', language: 'uk' } },
      { kind: 'left', params: { reason: 'stop', language: 'uk' } },
      { kind: 'joined', params: { source: 'crm_999', sourceKind: 'tag', language: 'uk' } },
    ]);
  });
});
