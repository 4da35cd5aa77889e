import type { Settings } from '../contract/types.js';
import type { Tx } from '../store/store.js';
import type { StoredSubscriber } from '../store/schema.js';
import { joinEvent, leaveEvent } from './events.js';
import { queueEvent } from './queue.js';

/** What queuing a join or leave event needs from the update being handled. */
export interface SubscriptionEventContext {
  botId: number;
  now: number;
  settings: Pick<Settings, 'subscriptionEvents'>;
}

/** A first /start, or a comeback after leaving: a shop's welcome workflow starts on this. */
export function queueJoinEvent(tx: Tx, ctx: SubscriptionEventContext, s: StoredSubscriber, ref: string): void {
  if (!ctx.settings.subscriptionEvents) return;
  const draft = joinEvent({ payload: s.source, signed: !!s.signedIdentity, languageCode: s.languageCode });
  queueEvent(tx, ctx.botId, s.chatId, ctx.now, ref, draft);
}

/** A block, or /stop (whose handler calls this with its own update's ref). */
export function queueLeaveEvent(tx: Tx, ctx: SubscriptionEventContext, s: StoredSubscriber, reason: 'blocked' | 'stop', ref: string): void {
  if (!ctx.settings.subscriptionEvents) return;
  queueEvent(tx, ctx.botId, s.chatId, ctx.now, ref, leaveEvent(reason, s.languageCode));
}
