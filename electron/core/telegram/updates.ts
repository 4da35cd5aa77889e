import { onOwnerMessage } from '../alerts/owner-chat.js';
import type { Settings, SubscriberEvent } from '../contract/types.js';
import type { Logger } from '../log.js';
import type { Store, Tx } from '../store/store.js';
import { COLLECTIONS, outboxId, subscriberKey, type OutboxKind, type StoredSubscriber } from '../store/schema.js';
import { normalizeEmail, normalizePhone } from '../yespo/identity.js';
import { queueOutbox, rescheduleOutbox } from '../yespo/queue.js';
import { queueJoinEvent, queueLeaveEvent } from '../yespo/subscription-events.js';
import { onCallbackQuery } from './callbacks.js';
import { verifyPayload } from '../links/signing.js';
import type { ReplyDraft } from './replies.js';
import { tokenDueAt } from './push-hold.js';
import { parseStart, parseStop } from './start-command.js';
import { readUpdate, type TgChat, type TgContact, type TgUser } from './update-shape.js';

export interface UpdateContext {
  store: Store;
  botId: number;
  botUsername?: string;
  settings: Settings;
  /** The deep-link signing secret; null when the keychain cannot give it (links stay plain tags). */
  linkSecret: string | null;
  now: number;
  logger: Logger;
  reply: (tx: Tx, draft: ReplyDraft) => void;
}

/** An update as Telegram sent it: only `update_id` is checked (by the poller); the rest is read here. */
export interface TgUpdate {
  update_id: number;
  message?: unknown;
  my_chat_member?: unknown;
  callback_query?: unknown;
}

function isPrivate(chat: TgChat): boolean {
  return chat.type === 'private';
}

function event(tx: Tx, botId: number, chatId: number, e: SubscriberEvent): void {
  tx.append(COLLECTIONS.events, subscriberKey(botId, chatId), e);
}

function save(tx: Tx, ctx: UpdateContext, s: StoredSubscriber): void {
  tx.put(COLLECTIONS.subscribers, subscriberKey(s.botId, s.chatId), s);
}

/**
 * Queues the token for Yespo unless Yespo already holds it: at once, or after the wait for an answer
 * `justAsked` for.
 */
function pushIfNeeded(tx: Tx, ctx: UpdateContext, s: StoredSubscriber, justAsked = false): StoredSubscriber {
  if (s.tokenInYespo || s.state !== 'active') return s;
  queueOutbox(tx, ctx.store, 'token', s.botId, s.chatId, ctx.now);
  holdOrRelease(tx, ctx, s, justAsked);
  return { ...s, yespo: { ...s.yespo, state: 'pending', error: undefined } };
}

/** A queued token push waits while a question is open, and goes as soon as any other message comes. */
function holdOrRelease(tx: Tx, ctx: UpdateContext, s: StoredSubscriber, justAsked: boolean): void {
  const dueAt = tokenDueAt(s, justAsked, ctx.settings.identityWaitMinutes, ctx.now);
  rescheduleOutbox(tx, ctx.store, 'token', s.botId, s.chatId, ctx.now, dueAt);
}

/** After the token went out, Yespo learns new details only through the contacts API. */
function updateContactIfPushed(tx: Tx, ctx: UpdateContext, s: StoredSubscriber): void {
  if (s.tokenInYespo) queueOutbox(tx, ctx.store, 'contact', s.botId, s.chatId, ctx.now);
}

/**
 * Queues a mute or an unmute and drops a waiting one of the other kind: the two are sent one by
 * one in any order, so the older one could otherwise land last and undo the newer.
 */
function queueMuteState(tx: Tx, ctx: UpdateContext, kind: Extract<OutboxKind, 'mute' | 'unmute'>, chatId: number): void {
  const other = outboxId(kind === 'mute' ? 'unmute' : 'mute', ctx.botId, chatId);
  if (tx.read(ctx.store, COLLECTIONS.outbox, other)) tx.delete(COLLECTIONS.outbox, other);
  queueOutbox(tx, ctx.store, kind, ctx.botId, chatId, ctx.now);
}

function promptNext(tx: Tx, ctx: UpdateContext, s: StoredSubscriber, after: 'start' | 'phone' | 'email'): StoredSubscriber {
  const lang = s.languageCode;
  if (after === 'start' && ctx.settings.askPhone && !s.phone) {
    ctx.reply(tx, { chatId: s.chatId, message: 'askPhone', lang, keyboard: 'contact' });
    return { ...s, awaiting: 'phone' };
  }
  const keyboard = after === 'phone' ? 'remove' : undefined;
  if (after !== 'email' && ctx.settings.askEmail && !s.email) {
    ctx.reply(tx, { chatId: s.chatId, message: 'askEmail', lang, keyboard });
    return { ...s, awaiting: 'email' };
  }
  if (after !== 'start') ctx.reply(tx, { chatId: s.chatId, message: 'thanks', lang, keyboard });
  const { awaiting: _done, ...rest } = s;
  return rest;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function onStart(tx: Tx, ctx: UpdateContext, chatId: number, from: TgUser, payload: string | null, ref: string): void {
  const key = subscriberKey(ctx.botId, chatId);
  const existing = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, key);
  const signed = payload && ctx.linkSecret ? verifyPayload(ctx.linkSecret, payload) : null;
  const names = {
    // A record from an older version may hold a name of another type: this /start mends it.
    firstName: from.first_name ?? stringOr(existing?.firstName) ?? '',
    lastName: from.last_name,
    username: from.username,
    languageCode: from.language_code ?? stringOr(existing?.languageCode),
  };
  let s: StoredSubscriber;
  if (!existing) {
    s = {
      botId: ctx.botId,
      chatId,
      ...names,
      source: payload ?? undefined,
      state: 'active',
      firstStartAt: ctx.now,
      lastStartAt: ctx.now,
      yespo: { state: 'pending' },
      tokenInYespo: false,
    };
    if (signed) s.signedIdentity = signed;
    // A forgotten person's mute may still be waiting: sent after this push, it would silence them.
    const forgottenMute = outboxId('mute', ctx.botId, chatId);
    if (tx.read(ctx.store, COLLECTIONS.outbox, forgottenMute)) tx.delete(COLLECTIONS.outbox, forgottenMute);
    event(tx, ctx.botId, chatId, { at: ctx.now, type: 'started', detail: payload ?? undefined });
    queueJoinEvent(tx, ctx, s, ref);
  } else {
    s = { ...existing, ...names, lastStartAt: ctx.now };
    if (payload && !existing.source) s.source = payload;
    if (signed && !existing.tokenInYespo) s.signedIdentity = signed;
    if (existing.state === 'unsubscribed') {
      s.state = 'active';
      delete s.unsubscribedAt;
      delete s.blockedAt;
      queueMuteState(tx, ctx, 'unmute', chatId);
      event(tx, ctx.botId, chatId, { at: ctx.now, type: 'resubscribed' });
      queueJoinEvent(tx, ctx, s, ref);
    } else if (existing.state !== 'active') {
      s.state = 'active';
      delete s.blockedAt;
      event(tx, ctx.botId, chatId, { at: ctx.now, type: 'unblocked' });
      queueJoinEvent(tx, ctx, s, ref);
    }
    event(tx, ctx.botId, chatId, { at: ctx.now, type: 'started', detail: payload ?? undefined });
  }
  ctx.reply(tx, { chatId, message: 'welcome', lang: s.languageCode });
  s = promptNext(tx, ctx, s, 'start');
  save(tx, ctx, pushIfNeeded(tx, ctx, s, s.awaiting !== undefined));
}

/**
 * Unsubscribes: the token stays on the contact in Yespo, muted until a later /start unmutes it, so
 * the contact keeps its history and coming back needs no new push.
 */
function onStop(tx: Tx, ctx: UpdateContext, chatId: number, from: TgUser, ref: string): void {
  const s = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, subscriberKey(ctx.botId, chatId));
  const lang = s?.languageCode ?? from.language_code;
  if (!s || s.state === 'unsubscribed') {
    ctx.reply(tx, { chatId, message: 'stopped', lang });
    return;
  }
  const { awaiting, mutedUntil: _m, ...rest } = s;
  save(tx, ctx, { ...rest, state: 'unsubscribed', unsubscribedAt: ctx.now });
  queueMuteState(tx, ctx, 'mute', chatId);
  event(tx, ctx.botId, chatId, { at: ctx.now, type: 'unsubscribed' });
  queueLeaveEvent(tx, ctx, s, 'stop', ref);
  ctx.reply(tx, { chatId, message: 'stopped', lang, keyboard: awaiting === 'phone' ? 'remove' : undefined });
}

function onContact(tx: Tx, ctx: UpdateContext, s: StoredSubscriber, from: TgUser, contact: TgContact): void {
  // A user can send someone else's contact card; only their own number identifies them.
  if (contact.user_id !== from.id) {
    ctx.reply(tx, { chatId: s.chatId, message: 'foreignContact', lang: s.languageCode });
    holdOrRelease(tx, ctx, s, false);
    return;
  }
  const phone = normalizePhone(contact.phone_number ?? '');
  if (!phone) {
    holdOrRelease(tx, ctx, s, false);
    return;
  }
  let next: StoredSubscriber = { ...s, phone };
  event(tx, ctx.botId, s.chatId, { at: ctx.now, type: 'shared-phone' });
  updateContactIfPushed(tx, ctx, next);
  next = promptNext(tx, ctx, next, 'phone');
  holdOrRelease(tx, ctx, next, next.awaiting !== undefined);
  save(tx, ctx, next);
}

function onText(tx: Tx, ctx: UpdateContext, s: StoredSubscriber, text: string): void {
  const lang = s.languageCode;
  if (s.awaiting === 'email') {
    const email = normalizeEmail(text);
    if (!email) {
      ctx.reply(tx, { chatId: s.chatId, message: 'emailInvalid', lang });
      holdOrRelease(tx, ctx, s, false);
      return;
    }
    let next: StoredSubscriber = { ...s, email };
    event(tx, ctx.botId, s.chatId, { at: ctx.now, type: 'gave-email' });
    updateContactIfPushed(tx, ctx, next);
    next = promptNext(tx, ctx, next, 'email');
    holdOrRelease(tx, ctx, next, false);
    save(tx, ctx, next);
    return;
  }
  ctx.reply(tx, { chatId: s.chatId, message: 'other', lang });
  holdOrRelease(tx, ctx, s, false);
}

function onMembership(tx: Tx, ctx: UpdateContext, chatId: number, status: string, ref: string): void {
  const s = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, subscriberKey(ctx.botId, chatId));
  // Block events of people who never pressed Start here are not subscribers.
  if (!s) return;
  if (s.state === 'unsubscribed') {
    // They left already; a block or unblock changes only whether the bot can still reach them.
    if (status === 'kicked' && s.blockedAt === undefined) {
      save(tx, ctx, { ...s, blockedAt: ctx.now, tokenInYespo: false });
      event(tx, ctx.botId, chatId, { at: ctx.now, type: 'blocked' });
    } else if (status === 'member' && s.blockedAt !== undefined) {
      const { blockedAt: _b, ...rest } = s;
      save(tx, ctx, rest);
      event(tx, ctx.botId, chatId, { at: ctx.now, type: 'unblocked' });
    }
  } else if (status === 'kicked' && s.state === 'active') {
    // Yespo removes the token on its next failed send, so a comeback must push it again.
    save(tx, ctx, { ...s, state: 'blocked', blockedAt: ctx.now, tokenInYespo: false });
    event(tx, ctx.botId, chatId, { at: ctx.now, type: 'blocked' });
    queueLeaveEvent(tx, ctx, s, 'blocked', ref);
  } else if (status === 'member' && s.state !== 'active') {
    const { blockedAt: _b, ...rest } = s;
    const back: StoredSubscriber = { ...rest, state: 'active' };
    save(tx, ctx, pushIfNeeded(tx, ctx, back));
    event(tx, ctx.botId, chatId, { at: ctx.now, type: 'unblocked' });
    queueJoinEvent(tx, ctx, back, ref);
  }
}

/**
 * Turns one update into store changes and queued replies. Every branch is an upsert, so the same
 * update applied twice leaves the same subscriber. Returns false for an update it could not read.
 */
export function applyUpdate(tx: Tx, ctx: UpdateContext, update: TgUpdate): boolean {
  const read = readUpdate(update);
  if (!read) return false;
  // Names what an update caused, so handling it twice queues the same Yespo event once.
  const ref = `u${update.update_id}`;
  const member = read.my_chat_member;
  if (member) {
    if (!isPrivate(member.chat)) return false;
    onMembership(tx, ctx, member.chat.id, member.new_chat_member.status, ref);
    return true;
  }
  if (read.callback_query) {
    onCallbackQuery(tx, ctx, read.callback_query);
    return true;
  }
  const message = read.message;
  if (!message) return false;
  if (!isPrivate(message.chat) || message.from.is_bot) return false;
  const chatId = message.chat.id;
  if (onOwnerMessage(tx, ctx, chatId, message.from, message.text)) return true;
  if (message.text !== undefined) {
    const start = parseStart(message.text, ctx.botUsername);
    if (start) {
      onStart(tx, ctx, chatId, message.from, start.payload, ref);
      return true;
    }
    if (parseStop(message.text, ctx.botUsername)) {
      onStop(tx, ctx, chatId, message.from, ref);
      return true;
    }
  }
  const s = tx.read<StoredSubscriber>(ctx.store, COLLECTIONS.subscribers, subscriberKey(ctx.botId, chatId));
  if (!s) {
    // Someone wrote before pressing Start (or before this app ran): welcome them as a subscriber.
    onStart(tx, ctx, chatId, message.from, null, ref);
    return true;
  }
  if (message.contact) onContact(tx, ctx, s, message.from, message.contact);
  else if (message.text !== undefined) onText(tx, ctx, s, message.text);
  return true;
}
