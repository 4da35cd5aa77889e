/** The shapes that cross every bridge. Plain data only: no classes, no functions, no secrets. */
import type { YespoSyncState } from './subscriber-types.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type ErrorCode =
  | 'invalid_argument'
  | 'unknown_method'
  | 'forbidden'
  | 'not_found'
  | 'subscriber_unsubscribed'
  | 'not_ready'
  | 'token_format'
  | 'token_rejected'
  | 'telegram_unreachable'
  | 'webhook_delete_failed'
  | 'app_uuid_format'
  | 'api_key_format'
  | 'api_key_rejected'
  | 'yespo_unreachable'
  | 'keychain_unavailable'
  | 'store_failed'
  | 'not_available'
  | 'backup_invalid'
  | 'wrong_passphrase'
  | 'secret_found'
  | 'save_failed'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  /** A sentence for logs and for Andriy; the UI shows its own translated text for `code`. */
  message: string;
  details?: Record<string, string | number | boolean>;
}

// ---------------------------------------------------------------- status

export type BotState =
  | 'not-configured'
  | 'connecting'
  | 'polling'
  | 'backing-off'
  | 'rate-limited'
  | 'conflict'
  | 'webhook-set'
  | 'token-rejected'
  | 'store-failed'
  | 'suspended'
  | 'paused';

export interface BotStatus {
  state: BotState;
  username?: string;
  botId?: number;
  /** Epoch ms of the last getUpdates that answered. */
  lastPollAt?: number;
  /** Epoch ms of the next attempt while backing off or rate limited. */
  nextTryAt?: number;
  /** For Andriy: the last error text, with the token redacted. */
  detail?: string;
  /** Telegram keeps updates 24 h: 'warning' from 20 h without a poll, 'exceeded' after 24 h. */
  retention: 'ok' | 'warning' | 'exceeded';
  offlineHours?: number;
}

export type SyncState =
  | 'not-configured'
  | 'idle'
  | 'syncing'
  | 'backing-off'
  | 'paused-auth'
  | 'paused-app-uuid'
  | 'paused'
  | 'store-failed';

export interface SyncStatus {
  state: SyncState;
  /** Subscribers saved locally and not yet accepted by Yespo. */
  pending: number;
  /** Subscribers Yespo rejected (bad data): need a look. */
  failed: number;
  nextTryAt?: number;
  lastSuccessAt?: number;
  detail?: string;
  /** Yespo disables keys unused for 90 days. */
  apiKeyIdleDays?: number;
  /** Epoch ms when Yespo's delivery reports were last read completely. */
  reportsReadAt?: number;
}

export interface StoreStatus {
  state: 'ok' | 'write-failed' | 'recovered';
  folder: string;
  detail?: string;
  /** Where a corrupt data file was moved, so nothing is silently reset. */
  movedAside?: string;
  /** Unreadable records set aside at start (kept in a quarantine file, not loaded). */
  quarantined?: number;
}

export interface Counts {
  subscribers: number;
  active: number;
  blocked: number;
  deleted: number;
  unsubscribed: number;
  inYespo: number;
  newThisWeek: number;
}

export type NoticeCode =
  | 'setup-incomplete'
  | 'all-good'
  | 'starting'
  | 'pushes-waiting'
  | 'token-rejected'
  | 'webhook-set'
  | 'second-poller'
  | 'telegram-unreachable'
  | 'rate-limited'
  | 'api-key-rejected'
  | 'api-key-idle'
  | 'app-uuid-wrong'
  | 'keychain-locked'
  | 'offline-warning'
  | 'offline-exceeded'
  | 'store-write-failed'
  | 'store-recovered'
  | 'log-file-failed'
  | 'push-rejected'
  | 'activity-forbidden'
  | 'paused';

export type ActionCode =
  | 'finish-setup'
  | 'retry-sync'
  | 'enter-token'
  | 'switch-bot'
  | 'enter-api-key'
  | 'enter-app-uuid'
  | 'keychain-help'
  | 'enable-login-item'
  | 'show-data-folder'
  | 'show-failures'
  | 'resume';

export interface Notice {
  code: NoticeCode;
  severity: 'ok' | 'info' | 'warning' | 'error';
  params?: Record<string, string | number>;
  action?: ActionCode;
}

export interface Status {
  version: string;
  dataDir: string;
  setupComplete: boolean;
  paused: boolean;
  bot: BotStatus;
  sync: SyncStatus;
  store: StoreStatus;
  /** The log file; when it cannot be written the app logs to stderr only and goes on. */
  logs: { state: 'ok' | 'stderr-only'; detail?: string };
  keychain: 'ok' | 'unavailable' | 'unknown';
  counts: Counts;
  /** Most important first; the first one is the home screen's sentence. */
  notices: Notice[];
}

// ---------------------------------------------------------------- alerts

/** The states where the owner must act: a desktop notification each, and a Telegram alert after 15 minutes. */
export type MustActCode = 'token-rejected' | 'webhook-set' | 'api-key-rejected' | 'app-uuid-wrong' | 'keychain-locked' | 'store-write-failed' | 'offline';

/** Alerts to the owner's own Telegram chat. */
export interface OwnerAlerts {
  state: 'off' | 'waiting' | 'on';
  /** Only in the answer that made it: the one-time link she opens on her phone. */
  link?: string;
  /** While waiting: when the link stops working. */
  expiresAt?: number;
  /** While on: since when, and her name in Telegram. */
  since?: number;
  name?: string;
}

// ---------------------------------------------------------------- setup

export const SETUP_STEPS = ['welcome', 'bot', 'yespo-bot', 'api-key', 'subscribers', 'live-test', 'done'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SecretHint {
  set: boolean;
  /** The last four characters, e.g. "…x7Qa"; never more. */
  hint?: string;
}

export interface BotInfo {
  id: number;
  username: string;
  name: string;
}

export interface WebhookInfo {
  /** Scheme and host only: the rest of a webhook URL may hold the other service's secret. */
  url: string;
  pendingUpdateCount: number;
}

export interface KeychainCheck {
  ok: boolean;
  platform: string;
  source: 'keychain' | 'environment';
  /** The OS error, for Andriy; the UI explains per platform. */
  problem?: string;
}

export interface YespoAccount {
  organisationName: string;
  userEmail: string;
}

export interface SetupState {
  step: SetupStep;
  botPath: 'new' | 'existing' | null;
  complete: boolean;
  bot: BotInfo | null;
  webhook: WebhookInfo | null;
  appUuid: string | null;
  yespo: YespoAccount | null;
  secrets: { botToken: SecretHint; apiKey: SecretHint };
  keychain: KeychainCheck;
  /** Epoch ms when the live test started: subscribers after it count as the test. */
  liveTestSince: number | null;
}

export interface BotTokenResult {
  bot: BotInfo;
  /** Set when another service receives this bot's messages through a webhook. */
  webhook: WebhookInfo | null;
}

export interface LiveTest {
  link: string;
  since: number | null;
  subscriber: { chatId: number; name: string; at: number; yespo: YespoSyncState } | null;
}

// ---------------------------------------------------------------- settings

export type Language = 'en' | 'uk';

/** A text the bot sends, per bot-user language; `en` is the fallback. */
export type LocalText = Record<Language, string>;

export const BOT_TEXT_KEYS = [
  'welcome',
  'askPhone',
  'phoneButton',
  'askEmail',
  'emailInvalid',
  'foreignContact',
  'thanks',
  'other',
  'stopped',
] as const;
export type BotTextKey = (typeof BOT_TEXT_KEYS)[number];

export interface Settings {
  uiLanguage: Language | 'system';
  askPhone: boolean;
  askEmail: boolean;
  /** How long a token push waits for the phone or email the bot asked for (1..1440 minutes). */
  identityWaitMinutes: number;
  texts: Record<BotTextKey, LocalText>;
  /** Anonymous subscribers become `${externalIdPrefix}${chatId}` in Yespo. */
  externalIdPrefix: string;
  batchSize: number;
  activityPollMinutes: number;
  telegramApiRoot: string;
  yespoApiRoot: string;
  closeToTray: boolean;
  startAtLogin: boolean;
  /** Send Yespo an event when a subscriber joins or leaves (the keys are in `yespo-events.ts`). */
  subscriptionEvents: boolean;
}

export type SettingsPatch = Partial<Omit<Settings, 'texts'>> & { texts?: Partial<Record<BotTextKey, Partial<LocalText>>> };

export * from './subscriber-types.js';

// ---------------------------------------------------------------- backup and restore

/** The bot a backup belongs to, or the bot this app serves now. */
export interface BackupBot {
  id: number;
  username?: string;
}

/** A backup file the owner picked (desktop) or uploaded (headless), named by an id for `restoreBackup`. */
export interface RestoreFile {
  upload: string;
  name: string;
}

export type RestoreResult =
  /** The backup is of another bot than this app's: nothing was changed; call again with `confirm: true`. */
  | { kind: 'needs-confirmation'; backupBot: BackupBot | null; currentBot: BackupBot | null; createdAt: number }
  | {
      kind: 'restored';
      createdAt: number;
      bot: BackupBot | null;
      /** Subscribers taken from the backup. */
      restored: number;
      /** Subscribers already here (arrived or changed since the backup), kept as they are. */
      kept: number;
      /** Whether the link-signing key was put back into the keychain. */
      linkKey: boolean;
    };
