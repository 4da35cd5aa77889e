import { createHash, randomBytes } from 'node:crypto';
import { COLLECTIONS, META, subscriberKey, type StoredSubscriber } from '../store/schema.js';
import type { Tx } from '../store/store.js';
import { forgetChat, tokenReachedYespo } from '../subscribers/forget.js';
import { parseStart, parseStop } from '../telegram/start-command.js';
import type { UpdateContext } from '../telegram/updates.js';
import type { TgUser } from '../telegram/update-shape.js';
import { queueOutbox } from '../yespo/queue.js';
import { alertLanguage, alertText } from './alert-texts.js';

/** How long a "Send alerts to me" link works. */
export const CODE_TTL_MS = 30 * 60_000;

/** The owner's alerts chat of one bot, and a link waiting to be opened. Codes are kept hashed only. */
export interface OwnerAlertsRecord {
  botId: number;
  pending?: { codeHash: string; expiresAt: number };
  chat?: { chatId: number; since: number; name: string; lang?: string; codeHash: string };
}

/** A one-time code that fits a deep link's payload (`[A-Za-z0-9_-]{1,64}`). */
export function newAlertCode(): string {
  return `alerts${randomBytes(15).toString('base64url')}`;
}

export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Her chat becomes the app's channel: a subscription she had there (trying the bot herself) is forgotten and muted in Yespo. */
function leaveSubscribers(tx: Tx, ctx: UpdateContext, chatId: number): void {
  const key = subscriberKey(ctx.botId, chatId);
  const record = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, key);
  if (!record) return;
  const muteInYespo = tokenReachedYespo(ctx.store, record);
  forgetChat(tx, ctx.store, ctx.botId, chatId, key);
  if (muteInYespo) queueOutbox(tx, ctx.store, 'mute', ctx.botId, chatId, ctx.now);
}

/**
 * Handles a private message that belongs to the owner's alerts conversation: Start with the
 * waiting code, or anything from her alerts chat. Returns false for everyone else's messages,
 * which stay a subscriber's (a wrong or expired code is then just a source tag).
 */
export function onOwnerMessage(tx: Tx, ctx: UpdateContext, chatId: number, from: TgUser, text: string | undefined): boolean {
  const record = tx.read<OwnerAlertsRecord>(ctx.store, COLLECTIONS.meta, META.ownerAlerts);
  if (!record || record.botId !== ctx.botId) return false;
  const words = alertText(alertLanguage(ctx.settings.uiLanguage, from.language_code));
  const say = (message: string): void => ctx.reply(tx, { chatId, message: 'alert', text: message });
  const start = text === undefined ? null : parseStart(text, ctx.botUsername);
  const hash = start?.payload ? codeHash(start.payload) : null;
  if (hash && record.pending?.codeHash === hash && record.pending.expiresAt > ctx.now) {
    leaveSubscribers(tx, ctx, chatId);
    const name = [from.first_name, from.last_name].filter(Boolean).join(' ');
    tx.put(COLLECTIONS.meta, META.ownerAlerts, { botId: ctx.botId, chat: { chatId, since: ctx.now, name, lang: from.language_code, codeHash: hash } } satisfies OwnerAlertsRecord);
    say(words.confirmed);
    return true;
  }
  if (record.chat?.chatId !== chatId) return false;
  // The same Start delivered again (after a crash) was answered already.
  if (hash && hash === record.chat.codeHash) return true;
  if (text !== undefined && parseStop(text, ctx.botUsername)) {
    tx.put(COLLECTIONS.meta, META.ownerAlerts, { botId: ctx.botId, pending: record.pending } satisfies OwnerAlertsRecord);
    say(words.stopped);
    return true;
  }
  say(words.ownerChat);
  return true;
}
