/** The contract's types for subscribers and delivery failures (split from types.ts, which re-exports them). */
import type { Counts } from './types.js';

// ---------------------------------------------------------------- subscribers

export type SubscriberState = 'active' | 'blocked' | 'deleted' | 'unsubscribed';
export type YespoSyncState = 'pending' | 'synced' | 'failed';
export type IdentityKind = 'contactId' | 'externalCustomerId' | 'phone' | 'email';
/** Why the token went (or goes) to that contact: what the website link, the person or Yespo said. */
export const IDENTITY_REASONS = ['signed-link', 'phone', 'email', 'anonymous', 'token-lookup'] as const;
export type IdentityReason = (typeof IDENTITY_REASONS)[number];

/** Who a website link signed with the app's key named (its payload itself is never shown). */
export interface SignedLink {
  kind: 'contactId' | 'externalCustomerId';
  value: string;
}

export interface Subscriber {
  botId: number;
  chatId: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** The deep-link payload, kept as a tag; a signed one is shown as `signedLink` instead. */
  source?: string;
  signedLink?: SignedLink;
  state: SubscriberState;
  firstStartAt: number;
  lastStartAt: number;
  blockedAt?: number;
  /** When they sent /stop; a later /start makes them active again. */
  unsubscribedAt?: number;
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
  | 'unmuted'
  | 'button-pressed'
  | 'unsubscribed'
  | 'resubscribed'
  | 'imported'
  | 'import-filled';

export interface SubscriberEvent {
  at: number;
  type: SubscriberEventType;
  detail?: string;
  /** On `started` through a signed website link, in place of its payload in `detail`. */
  signedLink?: SignedLink;
}

export const SUBSCRIBER_SORTS = ['firstStartAt', 'lastStartAt', 'name', 'username'] as const;
export type SubscriberSort = (typeof SUBSCRIBER_SORTS)[number];

/** Where subscribers came from, as a filter: no source at all, a signed website link, or one deep-link tag. */
export type SourceFilter = { kind: 'none' } | { kind: 'signed' } | { kind: 'tag'; tag: string };

export interface SubscriberQuery {
  search?: string;
  state?: SubscriberState | 'all';
  yespo?: YespoSyncState | 'all';
  source?: SourceFilter;
  /** Joined (first /start) at or after this time, ms. */
  joinedFrom?: number;
  /** Joined before this time, ms (exclusive: the start of the day after the last one wanted). */
  joinedTo?: number;
  sort?: SubscriberSort;
  dir?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface SubscriberPage {
  total: number;
  rows: Subscriber[];
}

/** The sources the source filter offers, with how many of the bot's subscribers each has. */
export interface SubscriberSources {
  /** Deep-link tags, the most common first. */
  tags: Array<{ tag: string; count: number }>;
  signed: number;
  none: number;
}

// ---------------------------------------------------------------- export

export const EXPORT_COLUMNS = ['chatId', 'firstName', 'lastName', 'username', 'phone', 'email', 'language', 'source', 'state', 'yespo', 'started', 'lastStart'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** The engine has no locale: the UI sends the words the file is written in, as it shows them. */
export interface ExportLabels {
  columns: Record<ExportColumn, string>;
  state: Record<SubscriberState, string>;
  yespo: Record<YespoSyncState, string>;
  /** Where a subscriber came from, with `{id}` or `{tag}` where the value goes. */
  source: { contact: string; customer: string; tag: string };
}

/** The subscribers the table shows (its filter, search and order), as a CSV file. */
export interface ExportRequest {
  query: Omit<SubscriberQuery, 'offset' | 'limit'>;
  /** The suggested file name, ending in `.csv`. */
  fileName: string;
  /** The time zone the times are written in (`Europe/Kyiv`): the UI's, which may be on another computer. */
  timeZone?: string;
  labels: ExportLabels;
}

export interface SubscriberDetail {
  subscriber: Subscriber;
  events: SubscriberEvent[];
}

/**
 * What forgetting a subscriber left for the owner to do in Yespo: the contact the token went to,
 * by the identifiers that were sent (empty when the token never reached Yespo).
 */
export interface ForgetResult {
  chatId: number;
  inYespo: Array<{ kind: IdentityKind; value: string }>;
}

export interface Stats {
  counts: Counts;
  pending: number;
  failed: number;
  /** Newsletters Yespo reported undelivered in the last 30 days, one per subscriber and message. */
  undeliveredLast30Days: number;
  /** New subscribers per local day, oldest first, 30 entries. */
  perDay: Array<{ day: string; count: number }>;
}

// ---------------------------------------------------------------- import

/** The longest CSV text one import takes (it must fit the headless shell's 1 MB request as JSON). */
export const MAX_IMPORT_CHARS = 300_000;

export const IMPORT_PROBLEMS = ['chat-id-missing', 'chat-id-shape', 'chat-id-rounded', 'chat-id-group', 'phone', 'phone-national', 'email', 'external-id'] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

export const IMPORT_FILE_PROBLEMS = ['empty', 'no-chat-id-column', 'unreadable'] as const;
export type ImportFileProblem = (typeof IMPORT_FILE_PROBLEMS)[number];

/** A row left out, numbered as a spreadsheet numbers it (the header is row 1). */
export interface ImportRejection {
  row: number;
  problem: ImportProblem;
  /** The cell at fault, cut short. */
  value?: string;
}

export interface ImportReport {
  /** Set when nothing could be read: then every count is 0. */
  fileProblem?: { problem: ImportFileProblem; line?: number };
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** New subscribers, queued for Yespo. */
  imported: number;
  /** Already subscribers: their missing phone or email was taken from the file. */
  filled: number;
  /** Already subscribers with nothing to add. */
  skipped: number;
  rejected: number;
  /** The first rejected rows, in file order. */
  rejections: ImportRejection[];
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
  /** Older ones of this cause no longer stored: only the newest 10,000 failures are kept. */
  dropped?: number;
}
