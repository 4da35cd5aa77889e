import type { Tx } from '../store/store.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../store/schema.js';
import { buttonEvent } from '../yespo/events.js';
import { queueEvent } from '../yespo/queue.js';
import { queueAnswer } from './callback-answers.js';
import type { TgCallbackQuery } from './update-shape.js';
import type { UpdateContext } from './updates.js';

/**
 * A press on an inline button (Yespo's newsletters carry `callback_data` the bot must handle). Every
 * press is answered, so the button stops spinning; a subscriber's press with data goes into their
 * story and to Yespo as an event, where a workflow can react to it.
 */
export function onCallbackQuery(tx: Tx, ctx: UpdateContext, query: TgCallbackQuery): void {
  const chatId = query.message?.chat.id ?? query.from.id;
  queueAnswer(tx, ctx.botId, chatId, query.id, ctx.now);
  if (query.message && query.message.chat.type !== 'private') return;
  const key = subscriberKey(ctx.botId, chatId);
  const s = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, key);
  if (!s || query.data === undefined || query.data === '') return;
  tx.append(COLLECTIONS.events, key, { at: ctx.now, type: 'button-pressed', detail: query.data });
  queueEvent(tx, ctx.botId, chatId, ctx.now, `q${query.id}`, buttonEvent(query.data));
}
