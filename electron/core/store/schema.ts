import type { BotTextKey, Failure, IdentityReason, Subscriber, SubscriberEvent } from '../contract/types.js';
import type { YespoEventKind } from '../contract/yespo-events.js';

/** Collection names in the store. Every key starts with the bot id, so a second bot is UI work. */
export const COLLECTIONS = {
  subscribers: 'subscribers',
  events: 'events',
  outbox: 'outbox',
  replies: 'replies',
  failures: 'failures',
  meta: 'meta',
  answers: 'answers',
} as const;

export function subscriberKey(botId: number, chatId: number): string {
  return `${botId}:${chatId}`;
}

/**
 * What the engine keeps per subscriber; the UI sees the `Subscriber` part. The identity is not
 * stored: it follows from what was pushed, or from the subscriber's details until then, and 100k
 * copies of it would only slow every start.
 */
export interface StoredSubscriber extends Omit<Subscriber, 'identity' | 'identityReason'> {
  /**
   * True while Yespo holds this subscriber's token. A block clears it, because Yespo removes the
   * token on the next failed send; a later unblock or /start then pushes it again.
   */
  tokenInYespo: boolean;
  /** The identifiers sent with the token, to map Yespo's delivery reports back to this subscriber. */
  pushed?: { externalCustomerId?: string; contactId?: number; phone?: string; email?: string; reason?: IdentityReason; at: number };
  /**
   * What Yespo's token lookup answered before the last push of a token it may have held: the
   * contact holding it, or no `contactId` when Yespo did not know the token (or did not answer).
   */
  tokenLookup?: { at: number; contactId?: number };
  /** A signed deep-link identity, which outranks phone and email when the token is pushed. */
  signedIdentity?: { kind: 'contactId' | 'externalCustomerId'; value: string };
  /** Which prompt the bot is waiting for an answer to. */
  awaiting?: 'phone' | 'email';
}

export type OutboxKind = 'token' | 'contact' | 'mute' | 'unmute' | 'event';

/** An event for Yespo as queued: its kind and own params; the contact's identifiers are added when sent. */
export interface EventDraft {
  kind: YespoEventKind;
  params: Record<string, string>;
}

/**
 * One pending call to Yespo. Keyed `${kind}:${botId}:${chatId}`, so queuing the same work twice
 * keeps one item. What is sent is read from the subscriber at send time.
 */
export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  botId: number;
  chatId: number;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: 'waiting' | 'failed';
  lastError?: string;
  /** When Yespo last answered this item with an error (the time a failure is shown with). */
  lastAttemptAt?: number;
  /** For mute: how long. */
  seconds?: number;
  /** For event: what to send. Its id carries a reference of its own, as one subscriber has many. */
  event?: EventDraft;
}

export function outboxId(kind: OutboxKind, botId: number, chatId: number): string {
  return `${kind}:${botId}:${chatId}`;
}

/**
 * One message the bot should send; persisted so a restart does not forget a welcome. It names the
 * text rather than holding it: the queue stays small, and the owner's latest wording is what goes out.
 */
export interface ReplyItem {
  id: string;
  botId: number;
  chatId: number;
  /** One of the owner's bot texts, or `alert`: the app's own words to the owner's chat, in `text`. */
  message: BotTextKey | 'alert';
  text?: string;
  /** The subscriber's Telegram language code, which picks the text's language. */
  lang?: string;
  /** `contact`: the share-my-phone button; `remove`: take the keyboard away. */
  keyboard?: 'contact' | 'remove';
  createdAt: number;
  nextAttemptAt: number;
  attempts: number;
}

/** A stored delivery failure (Yespo's undelivered reports, refused replies). */
export type StoredFailure = Failure & { botId: number };

export type StoredEvent = SubscriberEvent;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): boolean => Number.isSafeInteger(v);

/**
 * The least a stored record must be for the engine to work with it. Checked once at start: a record
 * damaged on disk (or written by a bug) is quarantined instead of breaking every later query.
 */
export function recordIsReadable(collection: string, value: unknown): boolean {
  switch (collection) {
    case COLLECTIONS.subscribers:
      return isObject(value) && isId(value.botId) && isId(value.chatId) && typeof value.state === 'string' && isObject(value.yespo);
    case COLLECTIONS.outbox:
    case COLLECTIONS.replies:
      return isObject(value) && typeof value.id === 'string' && isId(value.botId) && isId(value.chatId) && typeof value.nextAttemptAt === 'number';
    case COLLECTIONS.events:
      return Array.isArray(value);
    case COLLECTIONS.failures:
      return isObject(value);
    default:
      return true;
  }
}

/** Keys of the engine's own records in the `meta` collection. */
export const META = { setup: 'setup', settings: 'settings', paused: 'paused', ownerAlerts: 'owner-alerts', ownerAlertStates: 'owner-alert-states', desktopNotified: 'desktop-notified' } as const;
