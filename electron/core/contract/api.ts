/**
 * The one contract between the engine and every UI bridge: what each method takes and gives,
 * the validators that guard each argument, and the events the engine pushes.
 */
import * as v from 'valibot';
import { apiRootProblem } from './api-root.js';
import type { HostCapabilities, UpdateState } from './host.js';
import type { SaveProgress, SaveResult } from './saving.js';
import type { EventName, MethodName } from './methods.js';
import {
  SETUP_STEPS,
  SUBSCRIBER_SORTS,
  BOT_TEXT_KEYS,
  MAX_IMPORT_CHARS,
  EXPORT_COLUMNS,
  type BotTokenResult,
  type FailureGroup,
  type ImportReport,
  type KeychainCheck,
  type LiveTest,
  type OwnerAlerts,
  type SetupState,
  type Settings,
  type Stats,
  type Status,
  type ForgetResult,
  type SubscriberDetail,
  type SubscriberPage,
  type SubscriberSources,
  type YespoAccount,
  type Result,
  type RestoreFile,
  type RestoreResult,
} from './types.js';

export * from './methods.js';
export type * from './host.js';
export type * from './types.js';
export type * from './saving.js';
export { SETUP_STEPS, SUBSCRIBER_SORTS, BOT_TEXT_KEYS, MAX_IMPORT_CHARS, IMPORT_PROBLEMS, IMPORT_FILE_PROBLEMS, EXPORT_COLUMNS } from './types.js';

const NoArgs = v.optional(v.strictObject({}));
const ChatId = v.pipe(v.number(), v.safeInteger());
const ShortText = v.pipe(v.string(), v.maxLength(4096));
const LocalTextPatch = v.strictObject({ en: v.optional(ShortText), uk: v.optional(ShortText) });
const ApiRoot = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? apiRootProblem(dataset.value) : null;
    if (problem) addIssue({ message: problem });
  }),
);

const PASSPHRASE_LENGTH = 'Choose a passphrase of 8 to 1000 characters.';
const SOURCE_KIND = 'Choose a source kind: none, signed or tag';
const SOURCE_TAG = 'Give the tag as 1 to 64 characters';
const SourceFilterSchema = v.variant(
  'kind',
  [
    v.strictObject({ kind: v.literal('none') }),
    v.strictObject({ kind: v.literal('signed') }),
    v.strictObject({ kind: v.literal('tag'), tag: v.pipe(v.string(SOURCE_TAG), v.minLength(1, SOURCE_TAG), v.maxLength(64, SOURCE_TAG)) }, SOURCE_TAG),
  ],
  SOURCE_KIND,
);
const JOINED_AT = 'Give the time as a whole number of milliseconds since 1970';
const JoinedAt = v.pipe(v.number(JOINED_AT), v.safeInteger(JOINED_AT), v.minValue(0, JOINED_AT));
const Label = v.pipe(v.string(), v.maxLength(200));
const labelsFor = <const K extends readonly string[]>(keys: K) => v.strictObject(Object.fromEntries(keys.map((k) => [k, Label])) as Record<K[number], typeof Label>);
const SubscriberFilter = {
  search: v.optional(v.pipe(v.string(), v.maxLength(200))),
  state: v.optional(v.picklist(['all', 'active', 'blocked', 'deleted', 'unsubscribed'])),
  yespo: v.optional(v.picklist(['all', 'pending', 'synced', 'failed'])),
  source: v.optional(SourceFilterSchema),
  joinedFrom: v.optional(JoinedAt),
  joinedTo: v.optional(JoinedAt),
  sort: v.optional(v.picklist(SUBSCRIBER_SORTS)),
  dir: v.optional(v.picklist(['asc', 'desc'])),
};
/** A date range whose end comes before its start is a mistake to name, not an empty result. */
const JOINED_ORDER = 'The end of the date range is before its start: swap the two dates';
const joinedInOrder = (q: { joinedFrom?: number; joinedTo?: number }): boolean => q.joinedFrom === undefined || q.joinedTo === undefined || q.joinedFrom <= q.joinedTo;
const FILE_NAME = 'A file name ends in .csv and has no slashes, colons or other characters a file system refuses';
const TIME_ZONE = 'Give a time zone as the browser names it, such as Europe/Kyiv';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ExportRequestSchema = v.strictObject({
  query: v.pipe(v.strictObject(SubscriberFilter), v.forward(v.check((q) => joinedInOrder(q), JOINED_ORDER), ['joinedTo'])),
  fileName: v.pipe(v.string(), v.maxLength(120, FILE_NAME), v.regex(/^[^/\\:*?"<>|\u0000-\u001f.][^/\\:*?"<>|\u0000-\u001f]*\.csv$/, FILE_NAME)),
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64, TIME_ZONE), v.check(isTimeZone, TIME_ZONE))),
  labels: v.strictObject({
    columns: labelsFor(EXPORT_COLUMNS),
    state: labelsFor(['active', 'blocked', 'deleted', 'unsubscribed'] as const),
    yespo: labelsFor(['pending', 'synced', 'failed'] as const),
    source: labelsFor(['contact', 'customer', 'tag'] as const),
  }),
});

const WAIT_MINUTES = 'Enter a whole number of minutes from 1 to 1440 (a day)';

const SettingsPatchSchema = v.strictObject({
  uiLanguage: v.optional(v.picklist(['en', 'uk', 'system'])),
  askPhone: v.optional(v.boolean()),
  askEmail: v.optional(v.boolean()),
  identityWaitMinutes: v.optional(v.pipe(v.number(WAIT_MINUTES), v.integer(WAIT_MINUTES), v.minValue(1, WAIT_MINUTES), v.maxValue(1440, WAIT_MINUTES))),
  texts: v.optional(v.partial(v.strictObject(Object.fromEntries(BOT_TEXT_KEYS.map((k) => [k, LocalTextPatch])) as Record<(typeof BOT_TEXT_KEYS)[number], typeof LocalTextPatch>))),
  externalIdPrefix: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{0,20}$/))),
  batchSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3000))),
  activityPollMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(1440))),
  telegramApiRoot: v.optional(ApiRoot),
  yespoApiRoot: v.optional(ApiRoot),
  closeToTray: v.optional(v.boolean()),
  startAtLogin: v.optional(v.boolean()),
  subscriptionEvents: v.optional(v.boolean()),
});

/** Argument validators. Secrets arrive as raw pasted text; the engine trims and checks them. */
export const ARGS = {
  getStatus: NoArgs,
  getSetup: NoArgs,
  saveSetupStep: v.strictObject({
    step: v.picklist(SETUP_STEPS),
    botPath: v.optional(v.nullable(v.picklist(['new', 'existing']))),
  }),
  checkKeychain: NoArgs,
  setBotToken: v.strictObject({ token: v.pipe(v.string(), v.maxLength(1000)) }),
  switchBotToThisApp: NoArgs,
  setAppUuid: v.strictObject({ appUuid: v.pipe(v.string(), v.maxLength(200)) }),
  setYespoApiKey: v.strictObject({ apiKey: v.pipe(v.string(), v.maxLength(1000)) }),
  completeSetup: NoArgs,
  getSettings: NoArgs,
  updateSettings: SettingsPatchSchema,
  getDeepLink: v.strictObject({
    externalCustomerId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(34))),
    contactId: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
    source: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  }),
  revealLinkKey: NoArgs,
  disconnect: v.strictObject({ deleteData: v.boolean() }),
  querySubscribers: v.pipe(
    v.strictObject({
      ...SubscriberFilter,
      offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
    }),
    v.forward(v.check((q) => joinedInOrder(q), JOINED_ORDER), ['joinedTo']),
  ),
  listSubscriberSources: NoArgs,
  getSubscriber: v.strictObject({ chatId: ChatId }),
  muteSubscriber: v.strictObject({ chatId: ChatId, seconds: v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(31_536_000)) }),
  unmuteSubscriber: v.strictObject({ chatId: ChatId }),
  forgetSubscriber: v.strictObject({ chatId: ChatId }),
  importSubscribers: v.strictObject({
    csv: v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHARS, `The file is too large: at most ${MAX_IMPORT_CHARS.toLocaleString('en')} characters. Split it and import the parts one after another.`)),
  }),
  exportSubscribers: ExportRequestSchema,
  getStats: NoArgs,
  listFailures: NoArgs,
  retryFailures: v.strictObject({ cause: v.picklist(['yespo-rejected', 'waiting-retry']) }),
  checkDeliveryReports: NoArgs,
  syncNow: NoArgs,
  setPaused: v.strictObject({ paused: v.boolean() }),
  getLiveTest: NoArgs,
  getHostCapabilities: NoArgs,
  showDataFolder: NoArgs,
  getOwnerAlerts: NoArgs,
  startOwnerAlerts: NoArgs,
  stopOwnerAlerts: NoArgs,
  saveDiagnostics: v.strictObject({ includeSubscribers: v.boolean() }),
  backupData: v.strictObject({ passphrase: v.pipe(v.string(), v.minLength(8, PASSPHRASE_LENGTH), v.maxLength(1000, PASSPHRASE_LENGTH)) }),
  chooseBackupFile: NoArgs,
  restoreBackup: v.strictObject({
    upload: v.pipe(v.string(), v.regex(/^[a-f0-9]{32}$/, 'Choose the backup file again.')),
    passphrase: v.pipe(v.string(), v.maxLength(1000)),
    confirm: v.optional(v.boolean()),
  }),
  getUpdateState: NoArgs,
} satisfies Record<MethodName, v.GenericSchema>;

type Args<M extends MethodName> = v.InferOutput<(typeof ARGS)[M]>;

/** What each method gives back. */
export interface Results {
  getStatus: Status;
  getSetup: SetupState;
  saveSetupStep: SetupState;
  checkKeychain: KeychainCheck;
  setBotToken: BotTokenResult;
  switchBotToThisApp: BotTokenResult;
  setAppUuid: SetupState;
  setYespoApiKey: YespoAccount;
  completeSetup: SetupState;
  getSettings: Settings;
  updateSettings: Settings;
  getDeepLink: { url: string; payload: string };
  /**
   * The link-signing key, for the shop's web developer (README: signed links). Unlike the bot token
   * and the API key it is meant to be shared with the website, so the owner may reveal it.
   */
  revealLinkKey: { key: string };
  disconnect: SetupState;
  querySubscribers: SubscriberPage;
  /** The source filter's options, with counts. */
  listSubscriberSources: SubscriberSources;
  getSubscriber: SubscriberDetail;
  muteSubscriber: SubscriberDetail;
  unmuteSubscriber: SubscriberDetail;
  /** Removes everything about one person here and mutes their token; says what to delete in Yespo. */
  forgetSubscriber: ForgetResult;
  importSubscribers: ImportReport;
  /**
   * Writes the subscribers the table shows as a CSV file: in the desktop app where the owner
   * chooses (`saved`, or `cancelled`), in the headless shell as a one-time download the UI fetches.
   * Progress comes as `saving` events.
   */
  exportSubscribers: SaveResult;
  getStats: Stats;
  listFailures: FailureGroup[];
  retryFailures: { queued: number };
  /** Reads Yespo's delivery reports now; `read` is false when Yespo could not be read (it is tried again on schedule). */
  checkDeliveryReports: { read: boolean; readAt: number | null };
  syncNow: Status;
  setPaused: Status;
  getLiveTest: LiveTest;
  getHostCapabilities: HostCapabilities;
  /** Opens the data folder (where a damaged file was put aside, too) in the file manager. */
  showDataFolder: null;
  getOwnerAlerts: OwnerAlerts;
  /** A new one-time link: her Start in the bot with it makes her chat the one that gets alerts. */
  startOwnerAlerts: OwnerAlerts;
  stopOwnerAlerts: OwnerAlerts;
  /** A zip for support: logs, status, versions, settings, store health; subscribers only when asked. */
  saveDiagnostics: SaveResult;
  /** The data and the link-signing key (sealed with the passphrase, which is never stored) in one file. */
  backupData: SaveResult;
  /** Desktop: the open dialog; null when cancelled. The headless shell uploads to `POST /upload` instead. */
  chooseBackupFile: RestoreFile | null;
  restoreBackup: RestoreResult;
  /** The app's own update; `unavailable` where the shell cannot update itself. */
  getUpdateState: UpdateState;
}

/** The API the UI calls. Every method may reject with an `ApiFailure`. */
export type EngineApi = { [M in MethodName]: (args: Args<M>) => Promise<Results[M]> };

/** The same API with arguments optional where the validator allows none, as the renderer calls it. */
export type ClientApi = {
  [M in MethodName]: undefined extends Args<M> ? (args?: Args<M>) => Promise<Results[M]> : (args: Args<M>) => Promise<Results[M]>;
};

export interface EventPayloads {
  status: Status;
  /** Something about subscribers changed; screens re-query. */
  subscribers: { changed: number };
  setup: SetupState;
  /** The settings changed (from any window, the tray, or the engine itself). */
  settings: Settings;
  /** The app's own update moved on (checking, downloading, ready…). */
  updates: UpdateState;
  /** How far a file being saved has got. */
  saving: SaveProgress;
}

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** What the preload exposes as `window.api`: every method answers with the result envelope. */
export type WindowApi = {
  [M in MethodName]: (args?: unknown) => Promise<Result<Results[M]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
