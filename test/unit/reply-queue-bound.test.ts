import { expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings.js';
import { COLLECTIONS, type ReplyItem } from '../../electron/core/store/schema.js';
import { applyBatch } from '../../electron/core/telegram/batch.js';
import type { TgUpdate } from '../../electron/core/telegram/updates.js';
import { scratchStores } from '../support/scratch-store.js';

const openStore = scratchStores();
const bot = { id: 5, username: 'shop_bot', name: 'Shop' };

function start(updateId: number, chatId: number): TgUpdate {
  const from = { id: chatId, is_bot: false, first_name: 'Ira' };
  return { update_id: updateId, message: { chat: { id: chatId, type: 'private' }, from, text: '/start' } };
}

function text(updateId: number, chatId: number, words: string): TgUpdate {
  const from = { id: chatId, is_bot: false, first_name: 'Ira' };
  return { update_id: updateId, message: { chat: { id: chatId, type: 'private' }, from, text: words } };
}

it('queues one reply of a kind per chat while it waits: presses and messages faster than Telegram lets the bot answer do not pile up', async () => {
  const store = await openStore();
  const context = { store, bot, settings: DEFAULT_SETTINGS, linkSecret: null, logger: createLogger({ level: 'silent' }) };
  for (let batch = 0; batch < 5; batch++) {
    const tx = store.tx();
    applyBatch(tx, [start(batch * 3 + 1, 42), text(batch * 3 + 2, 42, 'hello?'), start(batch * 3 + 3, 43)], { ...context, now: 1_000 + batch });
    await store.commit(tx);
  }
  const queued = [...store.collection<ReplyItem>(COLLECTIONS.replies).values()].map((r) => [r.chatId, r.message]);
  expect(queued).toEqual([
    [42, 'welcome'],
    [42, 'other'],
    [43, 'welcome'],
  ]);
});
