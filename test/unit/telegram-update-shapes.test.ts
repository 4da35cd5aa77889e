import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { scratchStores } from '../support/scratch-store.js';
import { BOT_ID, updateContext } from '../support/update-context.js';

const openStore = scratchStores();

let nextUpdateId = 1;
function startFrom(from: Record<string, unknown>, chat: Record<string, unknown> = { id: from.id, type: 'private' }, text: unknown = '/start'): TgUpdate {
  return { update_id: nextUpdateId++, message: { message_id: 1, date: 1, chat, from, text } } as unknown as TgUpdate;
}

async function apply(store: Store, ...updates: TgUpdate[]): Promise<boolean[]> {
  const tx = store.tx();
  const ctx = updateContext(store);
  const handled = updates.map((u) => applyUpdate(tx, ctx, u));
  await store.commit(tx);
  return handled;
}

function stored(store: Store, chatId: number): StoredSubscriber | undefined {
  return store.get<StoredSubscriber>(COLLECTIONS.subscribers, `${BOT_ID}:${chatId}`);
}

describe('updates of the wrong shape', () => {
  it('drops a name, username or language of the wrong type instead of storing it', async () => {
    const store = await openStore();
    await apply(
      store,
      startFrom({ id: 10, is_bot: false, first_name: {}, last_name: ['x'], username: 42, language_code: ['uk'] }),
      startFrom({ id: 11, first_name: { toString: 1 }, username: { length: 3 } }),
      startFrom({ id: 12, first_name: 'Olena', username: 'olena', language_code: 'uk' }),
    );
    expect(stored(store, 10)).toMatchObject({ chatId: 10, firstName: '', state: 'active' });
    for (const field of ['lastName', 'username', 'languageCode'] as const) expect(stored(store, 10)?.[field]).toBeUndefined();
    expect(stored(store, 11)?.firstName).toBe('');
    expect(stored(store, 11)?.username).toBeUndefined();
    expect(stored(store, 12)).toMatchObject({ firstName: 'Olena', username: 'olena', languageCode: 'uk' });
  });

  it('keeps search and every name sort working after such updates', async () => {
    const store = await openStore();
    await apply(
      store,
      startFrom({ id: 10, first_name: { toString: 1 }, username: 42 }),
      startFrom({ id: 12, first_name: 'Olena', username: 'olena' }),
    );
    const index = new SubscriberIndex(store);
    expect(querySubscribers(index, BOT_ID, { search: 'olena' }, 'tg-').rows.map((r) => r.chatId)).toEqual([12]);
    for (const sort of ['name', 'username'] as const) {
      expect(querySubscribers(index, BOT_ID, { sort, dir: 'asc' }, 'tg-').total).toBe(2);
    }
  });

  it('caps strings at Telegram’s own limits', async () => {
    const store = await openStore();
    const long = 'я'.repeat(10_000);
    await apply(store, startFrom({ id: 20, first_name: long, last_name: long, username: long, language_code: long }));
    const s = stored(store, 20)!;
    expect(s.firstName).toHaveLength(64);
    expect(s.lastName).toHaveLength(64);
    expect(s.username).toHaveLength(32);
    expect(s.languageCode!.length).toBeLessThanOrEqual(35);
  });

  it('does not cut a name in the middle of an emoji', async () => {
    const store = await openStore();
    await apply(store, startFrom({ id: 21, first_name: `${'a'.repeat(63)}😀` }));
    expect(stored(store, 21)?.firstName).toBe('a'.repeat(63));
  });

  it('skips as unreadable an update whose chat id or sender id is not a safe integer', async () => {
    const store = await openStore();
    const handled = await apply(
      store,
      startFrom({ id: 30, first_name: 'A' }, { id: '30', type: 'private' }),
      startFrom({ id: '31', first_name: 'B' }, { id: 31, type: 'private' }),
      startFrom({ id: 32, first_name: 'C' }, { id: Number.NaN, type: 'private' }),
      startFrom({ id: 2 ** 60, first_name: 'D' }, { id: 2 ** 60, type: 'private' }),
      startFrom({ id: 34.5, first_name: 'E' }, { id: 34.5, type: 'private' }),
      { update_id: nextUpdateId++, message: 'hello' } as unknown as TgUpdate,
      { update_id: nextUpdateId++, my_chat_member: { chat: { id: '35', type: 'private' }, new_chat_member: { status: 'kicked' } } } as unknown as TgUpdate,
    );
    expect(handled).toEqual([false, false, false, false, false, false, false]);
    expect(store.collection(COLLECTIONS.subscribers).size).toBe(0);
  });

  it('reads a text or contact of the wrong type as none, and caps a long phone number', async () => {
    const store = await openStore();
    await apply(store, startFrom({ id: 40, first_name: 'A' }));
    expect(stored(store, 40)?.awaiting).toBe('phone');
    const contact = (value: unknown): TgUpdate =>
      ({ update_id: nextUpdateId++, message: { chat: { id: 40, type: 'private' }, from: { id: 40, first_name: 'A' }, contact: value } }) as unknown as TgUpdate;
    await apply(store, startFrom({ id: 40, first_name: 'A' }, undefined, { text: '/start' }), contact({ phone_number: 380501234567, user_id: 40 }));
    expect(stored(store, 40)?.phone).toBeUndefined();
    await apply(store, contact({ phone_number: `+380501234567${'9'.repeat(5_000)}`, user_id: 40 }));
    expect(stored(store, 40)?.phone).toBeUndefined();
    await apply(store, contact({ phone_number: '+380 50 123 45 67', user_id: 40 }));
    expect(stored(store, 40)?.phone).toBe('380501234567');
  });
});
