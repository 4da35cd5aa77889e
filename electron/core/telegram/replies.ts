import type { Api } from 'grammy';
import type { Settings } from '../contract/types.js';
import type { Logger } from '../log.js';
import { clampDelay } from '../retry-delay.js';
import type { Store, Tx } from '../store/store.js';
import { COLLECTIONS, subscriberKey, type ReplyItem, type StoredFailure, type StoredSubscriber } from '../store/schema.js';
import { classifyTelegramError } from './telegram-errors.js';
import { pickText } from './texts.js';
import { telegramWaitMs } from './wait.js';
import { capFailures } from '../yespo/failure-cap.js';

export type ReplyDraft = Pick<ReplyItem, 'chatId' | 'message' | 'text' | 'lang' | 'keyboard'>;

/** Telegram's limits: about one message a second per chat and 30 overall; we stay under. */
export const PER_CHAT_INTERVAL_MS = 1_000;
export const OVERALL_PER_SECOND = 25;
/** While the disk refuses, how often to look whether the queued replies are saved yet. */
const STORE_RETRY_MS = 5_000;

let sequence = 0;

/** Adds a reply to the persisted queue inside the batch that caused it. */
export function queueReply(tx: Tx, botId: number, now: number, draft: ReplyDraft): void {
  const id = `${botId}:${draft.chatId}:${now.toString(36)}:${(sequence++).toString(36)}`;
  tx.put(COLLECTIONS.replies, id, replyItem(id, botId, now, draft));
}

/**
 * Queues a reply unless the same one waits for this chat already. A person pressing Start again, or
 * writing, while Telegram's rate limit holds the queue back gets that reply once, so the queue grows
 * with the people waiting, not with the updates they send.
 */
export function queueReplyOnce(tx: Tx, store: Store, botId: number, now: number, draft: ReplyDraft): void {
  const id = `${botId}:${draft.chatId}:${draft.message}`;
  if (!tx.read(store, COLLECTIONS.replies, id)) tx.put(COLLECTIONS.replies, id, replyItem(id, botId, now, draft));
}

function replyItem(id: string, botId: number, now: number, draft: ReplyDraft): ReplyItem {
  const item: ReplyItem = { id, botId, chatId: draft.chatId, message: draft.message, createdAt: now, nextAttemptAt: now, attempts: 0 };
  if (draft.text !== undefined) item.text = draft.text;
  if (draft.lang) item.lang = draft.lang;
  if (draft.keyboard) item.keyboard = draft.keyboard;
  return item;
}

/** The text and keyboard of a queued reply, in the subscriber's language, with the owner's texts. */
export function renderReply(item: ReplyItem, texts: Settings['texts']): { text: string; replyMarkup?: object } {
  if (item.message === 'alert') return { text: item.text ?? '' };
  const text = pickText(texts, item.message, item.lang);
  if (item.keyboard === 'contact') {
    return { text, replyMarkup: { keyboard: [[{ text: pickText(texts, 'phoneButton', item.lang), request_contact: true }]], resize_keyboard: true, one_time_keyboard: true } };
  }
  if (item.keyboard === 'remove') return { text, replyMarkup: { remove_keyboard: true } };
  return { text };
}

/**
 * Picks the replies that may go now from the queue in its order (oldest first): at most one per
 * chat per second and `budget` overall. Stops as soon as the budget is used, so a long queue costs
 * little. Pure, so the rate rules are tested without a clock.
 */
export function dueReplies(items: Iterable<ReplyItem>, lastSentPerChat: ReadonlyMap<number, number>, now: number, budget: number): ReplyItem[] {
  const picked: ReplyItem[] = [];
  const chats = new Set<number>();
  for (const item of items) {
    if (picked.length >= budget) break;
    if (item.nextAttemptAt > now) continue;
    if (chats.has(item.chatId)) continue;
    const last = lastSentPerChat.get(item.chatId);
    if (last !== undefined && now - last < PER_CHAT_INTERVAL_MS) continue;
    chats.add(item.chatId);
    picked.push(item);
  }
  return picked;
}

export interface ReplySenderDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  api: () => Api | null;
  texts: () => Settings['texts'];
  /** Called when a reply showed that a subscriber blocked the bot or deleted their account. */
  onChange: () => void;
}

/**
 * Sends queued replies. It never holds up ingestion: a batch is durable before its replies go.
 * A send that failed on the network may have been delivered, so it is not repeated blindly.
 */
export class ReplySender {
  private readonly lastSent = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy = false;
  private pausedUntil = 0;

  constructor(private readonly deps: ReplySenderDeps) {}

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  wake(delay = 0): void {
    if (!this.running || this.busy) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), clampDelay(Math.max(delay, this.pausedUntil - this.deps.now())));
  }

  private async tick(): Promise<void> {
    this.timer = null;
    const api = this.deps.api();
    if (!this.running || !api) return;
    this.busy = true;
    let saved = true;
    try {
      const now = this.deps.now();
      if (this.lastSent.size > 10_000) {
        for (const [chat, at] of this.lastSent) if (now - at >= PER_CHAT_INTERVAL_MS) this.lastSent.delete(chat);
      }
      const queue = this.deps.store.collection<ReplyItem>(COLLECTIONS.replies);
      const due = dueReplies(queue.values(), this.lastSent, now, OVERALL_PER_SECOND);
      // A reply to an update that is not on disk yet could be sent twice: a crash makes Telegram
      // deliver the update again.
      if (due.length) saved = await this.deps.store.durable().then(() => true, () => false);
      if (saved) await Promise.all(due.map((item) => this.send(api, item)));
    } finally {
      this.busy = false;
    }
    if (!saved) return this.wake(STORE_RETRY_MS);
    const queue = this.deps.store.collection<ReplyItem>(COLLECTIONS.replies);
    if (queue.size > 0) this.wake(1_000 / OVERALL_PER_SECOND * 5);
  }

  private async send(api: Api, item: ReplyItem): Promise<void> {
    const { store, now } = this.deps;
    this.lastSent.set(item.chatId, now());
    let failure: ReturnType<typeof classifyTelegramError> | null = null;
    try {
      const { text, replyMarkup } = renderReply(item, this.deps.texts());
      await api.sendMessage(item.chatId, text, replyMarkup ? { reply_markup: replyMarkup as never } : {});
    } catch (error) {
      failure = classifyTelegramError(error);
    }
    const tx = store.tx();
    if (!failure) {
      tx.delete(COLLECTIONS.replies, item.id);
    } else if (failure.kind === 'rate-limited') {
      this.pausedUntil = now() + telegramWaitMs(failure.retryAfterSeconds, { now: now() });
      tx.put(COLLECTIONS.replies, item.id, { ...item, attempts: item.attempts + 1, nextAttemptAt: this.pausedUntil });
    } else if (failure.kind === 'transient' && !failure.maybeDelivered && item.attempts < 5) {
      tx.put(COLLECTIONS.replies, item.id, { ...item, attempts: item.attempts + 1, nextAttemptAt: now() + 5_000 * (item.attempts + 1) });
    } else {
      tx.delete(COLLECTIONS.replies, item.id);
      this.recordRefusal(tx, item, failure.kind, failure.detail);
    }
    // A message that went out is never sent again because its outcome could not be saved: the
    // change stays queued in the store and is written once the disk works.
    await store.commit(tx).catch((e: unknown) => this.deps.logger.warn({ err: e }, 'could not save a reply outcome'));
    if (failure) this.deps.onChange();
  }

  private recordRefusal(tx: Tx, item: ReplyItem, kind: string, detail: string): void {
    const { store } = this.deps;
    const at = this.deps.now();
    const key = subscriberKey(item.botId, item.chatId);
    const s = tx.read<StoredSubscriber>(store, COLLECTIONS.subscribers, key);
    if (s && (kind === 'blocked' || kind === 'deactivated')) {
      // Already known as gone (the block event came first): the refusal adds nothing to report.
      if (s.state !== 'active') return;
      const state = kind === 'blocked' ? 'blocked' : 'deleted';
      tx.put(COLLECTIONS.subscribers, key, { ...s, state, blockedAt: at, tokenInYespo: false });
      tx.append(COLLECTIONS.events, key, { at, type: state === 'blocked' ? 'blocked' : 'deleted', detail });
      return;
    }
    const failure: StoredFailure = { id: `reply:${item.id}`, botId: item.botId, cause: 'reply-refused', at, chatId: item.chatId, name: s?.firstName, detail };
    tx.put(COLLECTIONS.failures, failure.id, failure);
    capFailures(tx, store, [failure]);
    if (s) tx.append(COLLECTIONS.events, key, { at, type: 'reply-failed', detail });
  }
}
