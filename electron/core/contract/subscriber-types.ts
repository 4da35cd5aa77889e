/** The contract's types for subscribers and delivery failures (split from types.ts, which re-exports them). */
import type { Counts } from './types.js';

// ---------------------------------------------------------------- subscribers

export type SubscriberState = 'active' | 'blocked' | 'deleted';
export type YespoSyncState = 'pending' | 'synced' | 'failed';
export type IdentityKind = 'contactId' | 'externalCustomerId' | 'phone' | 'email';
/** Why the token went (or goes) to that contact: what the website link, the person or Yespo said. */
export const IDENTITY_REASONS = ['signed-link', 'phone', 'email', 'anonymous', 'token-lookup'] as const;
export type IdentityReason = (typeof IDENTITY_REASONS)[number];

export interface Subscriber {
  botId: number;
  chatId: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** The deep-link payload, kept as a tag; a signed one also sets `identity`. */
  source?: string;
  state: SubscriberState;
  firstStartAt: number;
  lastStartAt: number;
  blockedAt?: number;
  phone?: string;
  email?: string;
  identity: { kind: IdentityKind; value: string };
  identityReason: IdentityReason;
  yespo: { state: YespoSyncState; pushedAt?: number; error?: string };
  mutedUntil?: number;
}

export type SubscriberEventType =
  | 'started'
  | 'shared-phone'
  | 'gave-email'
  | 'blocked'
  | 'unblocked'
  | 'deleted'
  | 'pushed'
  | 'push-failed'
  | 'contact-updated'
  | 'reply-failed'
  | 'delivery-failed'
  | 'muted'
  | 'unmuted';

export interface SubscriberEvent {
  at: number;
  type: SubscriberEventType;
  detail?: string;
}

export const SUBSCRIBER_SORTS = ['firstStartAt', 'lastStartAt', 'name', 'username'] as const;
export type SubscriberSort = (typeof SUBSCRIBER_SORTS)[number];

export interface SubscriberQuery {
  search?: string;
  state?: SubscriberState | 'all';
  yespo?: YespoSyncState | 'all';
  sort?: SubscriberSort;
  dir?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface SubscriberPage {
  total: number;
  rows: Subscriber[];
}

export interface SubscriberDetail {
  subscriber: Subscriber;
  events: SubscriberEvent[];
}

export interface Stats {
  counts: Counts;
  pending: number;
  failed: number;
  /** New subscribers per local day, oldest first, 30 entries. */
  perDay: Array<{ day: string; count: number }>;
}

// ---------------------------------------------------------------- failures

export type FailureCause =
  | 'blocked-bot'
  | 'account-deleted'
  | 'yespo-rejected'
  | 'waiting-retry'
  | 'reply-refused'
  | 'yespo-undelivered';

export interface Failure {
  id: string;
  cause: FailureCause;
  at: number;
  chatId?: number;
  name?: string;
  /** Yespo's or Telegram's own words. */
  detail?: string;
  messageName?: string;
  nextAttemptAt?: number;
}

export interface FailureGroup {
  cause: FailureCause;
  count: number;
  retryable: boolean;
  /** The newest first, at most 500. */
  items: Failure[];
}
