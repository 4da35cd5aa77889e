import { Api } from 'grammy';
import type { EngineApi, EventName, EventPayloads } from './contract/api.js';
import { ApiFailure } from './contract/errors.js';
import type { BotStatus, KeychainCheck, SetupState, Settings, Status, SubscriberDetail, SyncStatus } from './contract/types.js';
import { EngineEvents } from './events.js';
import { logFileProblem, type Logger } from './log.js';
import { redact, secretHint } from './redact.js';
import { KeychainUnavailable, type SecretName, type SecretStore } from './secrets/secret-store.js';
import { apiRootProblem } from './contract/api-root.js';
import { bindingsToKeep, secretUsableAt, type RootBinding } from './secrets/root-binding.js';
import { applyPatch, withDefaults } from './settings/settings.js';
import { checkYespoKey, EMPTY_SETUP, inspectBot, removeWebhook, type SetupRecord } from './setup/checks.js';
import { notices, retention } from './status/notices.js';
import { Store, StoreWriteError, type Tx } from './store/store.js';
import { COLLECTIONS, recordIsReadable, subscriberKey, type StoredEvent, type StoredSubscriber } from './store/schema.js';
import { publicSubscriber } from './subscribers/public.js';
import { SubscriberCounts } from './subscribers/counts.js';
import { querySubscribers, subscriberStats } from './subscribers/query.js';
import { Poller, pollerMetaKey, type PollerMeta, type PollerState } from './telegram/poller.js';
import { queueReply, ReplySender } from './telegram/replies.js';
import { applyUpdate } from './telegram/updates.js';
import { queueOutbox } from './yespo/queue.js';
import { newLinkSecret, signPayload } from './links/signing.js';
import { YespoSync, type SyncTiming } from './yespo/sync.js';
import { extractApiKey, extractAppUuid, extractBotToken } from './contract/input.js';

export interface EngineOptions {
  dataDir: string;
  version: string;
  secrets: SecretStore;
  logger: Logger;
  overrides?: { telegramApiRoot?: string; yespoApiRoot?: string; appUuid?: string };
  /** Tests: a clock, and a factor for every wait (poll timeouts, backoffs). */
  now?: () => number;
  timeScale?: number;
  pollTimeoutSeconds?: number;
  /** Tests: simulate a full disk. */
  beforeStoreWrite?: () => void;
  /** Tests: shorter waits in the Yespo sync. */
  yespoTiming?: Partial<SyncTiming>;
}

export interface Engine {
  readonly api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  suspend(): void;
  resume(): void;
}

const META = { setup: 'setup', settings: 'settings', paused: 'paused' } as const;

/** The secrets that travel to an API root. */
type BoundSecret = 'botToken' | 'yespoApiKey';

export function createEngine(options: EngineOptions): Engine {
  const { logger, secrets } = options;
  const now = options.now ?? Date.now;
  const events = new EngineEvents();
  let store: Store | null = null;
  let storeProblem: string | null = null;
  let keychain: KeychainCheck | null = null;
  const cached: Partial<Record<SecretName, string | null>> = {};
  let pollerState: PollerState = { state: 'not-configured' };
  let offlineGapHours: number | undefined;
  let startedAt: number | null = null;
  let started = false;

  function requireStore(): Store {
    if (!store) throw new ApiFailure('store_failed', storeProblem ?? 'The data folder is not open yet.');
    return store;
  }

  function storedSettings(): Settings {
    return withDefaults(store?.get<Partial<Settings>>(COLLECTIONS.meta, META.settings));
  }

  function settings(): Settings {
    const s = storedSettings();
    const o = options.overrides ?? {};
    return { ...s, telegramApiRoot: o.telegramApiRoot ?? s.telegramApiRoot, yespoApiRoot: o.yespoApiRoot ?? s.yespoApiRoot };
  }

  function setupRecord(): SetupRecord {
    const stored = store?.get<SetupRecord>(COLLECTIONS.meta, META.setup) ?? EMPTY_SETUP;
    const appUuid = options.overrides?.appUuid ?? stored.appUuid;
    return { ...stored, appUuid };
  }

  function rootOf(name: BoundSecret): string {
    return name === 'botToken' ? settings().telegramApiRoot : settings().yespoApiRoot;
  }

  function rootBinding(name: BoundSecret): RootBinding {
    const o = options.overrides ?? {};
    const stored = storedSettings();
    const record = setupRecord();
    return name === 'botToken'
      ? { override: o.telegramApiRoot, recorded: record.botTokenRoot, stored: stored.telegramApiRoot }
      : { override: o.yespoApiRoot, recorded: record.yespoKeyRoot, stored: stored.yespoApiRoot };
  }

  /** The secret, unless the API root changed since it was checked: then it waits to be entered again. */
  function usableSecret(name: BoundSecret): string | null {
    const value = cached[name];
    if (!value) return null;
    return secretUsableAt(rootOf(name), rootBinding(name)) ? value : null;
  }

  function heldBack(name: BoundSecret): boolean {
    return !!cached[name] && usableSecret(name) === null;
  }

  function paused(): boolean {
    return store?.get<boolean>(COLLECTIONS.meta, META.paused) === true;
  }

  function configuredFromEnvironment(): boolean {
    return secrets.source === 'environment' && !!cached.botToken && !!cached.yespoApiKey && !!setupRecord().appUuid;
  }

  function setupComplete(): boolean {
    return setupRecord().complete || configuredFromEnvironment();
  }

  async function commit(tx: Tx): Promise<void> {
    try {
      await requireStore().commit(tx);
    } catch (error) {
      if (error instanceof StoreWriteError) throw new ApiFailure('store_failed', error.message);
      throw error;
    }
    pushStatus();
  }

  async function saveSetup(change: Partial<SetupRecord>): Promise<SetupRecord> {
    const next = { ...setupRecord(), ...change };
    await commit(requireStore().tx().put(COLLECTIONS.meta, META.setup, next));
    events.emit('setup', await setupState());
    return next;
  }

  async function loadSecret(name: SecretName): Promise<string | null> {
    try {
      cached[name] = await secrets.get(name);
      return cached[name] ?? null;
    } catch (error) {
      // The keychain's state comes from check(): with secrets from the environment, a missing
      // keychain only costs the signed links.
      if (error instanceof KeychainUnavailable) return null;
      throw error;
    }
  }

  async function saveSecret(name: SecretName, value: string): Promise<void> {
    try {
      await secrets.set(name, value);
      cached[name] = value;
    } catch (error) {
      if (error instanceof KeychainUnavailable) {
        keychain = { ok: false, platform: process.platform, source: secrets.source, problem: error.problem };
        throw new ApiFailure('keychain_unavailable', "The computer's password store can't be used, so the key was not saved.", { problem: error.problem });
      }
      throw error;
    }
  }

  async function linkSecret(): Promise<string | null> {
    if (cached.linkSecret) return cached.linkSecret;
    const existing = await loadSecret('linkSecret');
    if (existing) return existing;
    if (keychain && !keychain.ok) return null;
    const fresh = newLinkSecret();
    try {
      // Not saveSecret: without a keychain (secrets from the environment) only signed links are
      // missing, which is no reason to report the keychain as locked.
      await secrets.set('linkSecret', fresh);
      cached.linkSecret = fresh;
      return fresh;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ services

  let telegramApi: { key: string; api: Api } | null = null;
  function replyApi(): Api | null {
    const token = usableSecret('botToken');
    if (!token || paused()) return null;
    const key = `${settings().telegramApiRoot} ${token}`;
    if (telegramApi?.key !== key) telegramApi = { key, api: new Api(token, { apiRoot: settings().telegramApiRoot, timeoutSeconds: 30 }) };
    return telegramApi.api;
  }

  const poller = new Poller({
    get store() {
      return requireStore();
    },
    logger,
    now,
    token: () => (paused() ? null : usableSecret('botToken')),
    apiRoot: () => settings().telegramApiRoot,
    applyBatch: (tx, bot, updates) => {
      const s = settings();
      const ctx = {
        store: requireStore(),
        botId: bot.id,
        botUsername: bot.username,
        settings: s,
        linkSecret: cached.linkSecret ?? null,
        now: now(),
        logger,
        reply: (t: Tx, draft: Parameters<typeof queueReply>[3]) => queueReply(t, bot.id, ctx.now, draft),
      };
      let unreadable = 0;
      for (const update of updates) {
        try {
          if (!applyUpdate(tx, ctx, update)) unreadable++;
        } catch (error) {
          unreadable++;
          logger.warn({ err: error, updateId: update.update_id }, 'an update could not be handled; skipped');
        }
      }
      if (unreadable) logger.info({ unreadable }, 'updates without a subscriber action (groups, other bots, unknown kinds)');
    },
    // The Yespo sync follows the outbox through the store's change events by itself.
    afterBatch: () => replies.wake(),
    onState: (state) => {
      pollerState = state;
      if (state.bot && setupRecord().bot?.id !== state.bot.id && store) void saveSetup({ bot: state.bot }).catch(() => {});
      pushStatus();
    },
    timeScale: options.timeScale,
    pollTimeoutSeconds: options.pollTimeoutSeconds,
  } as ConstructorParameters<typeof Poller>[0]);

  const replies = new ReplySender({
    get store() {
      return requireStore();
    },
    logger,
    now,
    api: replyApi,
    texts: () => settings().texts,
    onChange: () => pushStatus(),
  } as ConstructorParameters<typeof ReplySender>[0]);

  let sync: YespoSync;

  // ------------------------------------------------------------------ status

  function botStatus(): BotStatus {
    const bot = pollerState.bot ?? setupRecord().bot ?? undefined;
    const lastPollAt = pollerState.lastPollAt ?? (bot ? store?.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(bot.id))?.lastPollAt : undefined);
    // Once the poller has let go of the token, the status asks for it again.
    const tokenHeldBack = heldBack('botToken') && pollerState.state === 'not-configured';
    const state = paused() && cached.botToken ? 'paused' : tokenHeldBack ? 'token-rejected' : pollerState.state;
    return {
      state,
      username: bot?.username,
      botId: bot?.id,
      lastPollAt,
      nextTryAt: pollerState.nextTryAt,
      detail: tokenHeldBack
        ? `The Telegram API address is now ${settings().telegramApiRoot}: enter the bot token again, so it is checked there before it is sent there.`
        : pollerState.detail,
      ...retention(state === 'polling' || state === 'paused' ? undefined : lastPollAt, now()),
    };
  }

  let counter: SubscriberCounts | null = null;
  function currentBotId(): number | null {
    return pollerState.bot?.id ?? setupRecord().bot?.id ?? null;
  }

  function logStatus(): Status['logs'] {
    const problem = logFileProblem(logger);
    return problem ? { state: 'stderr-only', detail: redact(problem) } : { state: 'ok' };
  }

  function status(): Status {
    const counts = counter ? counter.get(currentBotId()) : { subscribers: 0, active: 0, blocked: 0, deleted: 0, inYespo: 0, newThisWeek: 0 };
    const base: Omit<Status, 'notices'> = {
      version: options.version,
      dataDir: options.dataDir,
      setupComplete: setupComplete(),
      paused: paused(),
      bot: botStatus(),
      sync: store ? syncStatus() : { state: 'store-failed', pending: 0, failed: 0, detail: storeProblem ?? undefined },
      store: store
        ? { state: store.health.state, folder: options.dataDir, detail: store.health.detail, movedAside: store.health.movedAside, quarantined: store.health.quarantined }
        : { state: 'write-failed', folder: options.dataDir, detail: storeProblem ?? undefined },
      logs: logStatus(),
      keychain: keychain ? (keychain.ok ? 'ok' : 'unavailable') : 'unknown',
      counts,
    };
    const hoursSinceStart = startedAt === null ? 0 : (now() - startedAt) / 3_600_000;
    return { ...base, notices: notices(base, { offlineGapHours, hoursSinceStart, activityForbidden: store ? sync.activityForbidden : false }) };
  }

  function syncStatus(): SyncStatus {
    const s = sync.status();
    if (s.state !== 'not-configured' || !heldBack('yespoApiKey') || !setupRecord().appUuid) return s;
    return {
      ...s,
      state: 'paused-auth',
      detail: `The Yespo API address is now ${settings().yespoApiRoot}: enter the API key again, so it is checked there before it is sent there.`,
    };
  }

  let statusTimer: NodeJS.Timeout | null = null;
  function pushStatus(): void {
    if (statusTimer || !started) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      events.emit('status', status());
    }, 200);
  }

  let subscribersTimer: NodeJS.Timeout | null = null;
  let subscriberChanges = 0;
  function pushSubscribers(): void {
    subscriberChanges++;
    if (subscribersTimer) return;
    subscribersTimer = setTimeout(() => {
      subscribersTimer = null;
      events.emit('subscribers', { changed: subscriberChanges });
      subscriberChanges = 0;
    }, 500);
  }

  async function setupState(): Promise<SetupState> {
    const record = setupRecord();
    return {
      step: record.step,
      botPath: record.botPath,
      complete: setupComplete(),
      bot: record.bot,
      webhook: record.webhook,
      appUuid: record.appUuid,
      yespo: record.yespo,
      secrets: { botToken: secretHint(cached.botToken ?? null), apiKey: secretHint(cached.yespoApiKey ?? null) },
      keychain: keychain ?? (await checkKeychain()),
      liveTestSince: record.liveTestSince,
    };
  }

  async function checkKeychain(): Promise<KeychainCheck> {
    keychain = await secrets.check();
    pushStatus();
    return keychain;
  }

  /** The current bot's subscriber with this chat id, or a not-found failure for the UI. */
  function storedSubscriber(chatId: number): { key: string; record: StoredSubscriber } {
    const botId = currentBotId();
    const key = botId === null ? undefined : subscriberKey(botId, chatId);
    const record = key ? requireStore().get<StoredSubscriber>(COLLECTIONS.subscribers, key) : undefined;
    if (!record || !key) throw new ApiFailure('not_found', `There is no subscriber with chat id ${chatId}.`);
    return { key, record };
  }

  function subscriberDetail(chatId: number): SubscriberDetail {
    const { key, record } = storedSubscriber(chatId);
    const history = requireStore().get<StoredEvent[]>(COLLECTIONS.events, key) ?? [];
    return { subscriber: publicSubscriber(record, settings().externalIdPrefix), events: history.slice(-500).reverse() };
  }

  async function setMute(chatId: number, seconds: number | null): Promise<SubscriberDetail> {
    const s = requireStore();
    const { key, record } = storedSubscriber(chatId);
    const tx = s.tx();
    const at = now();
    if (seconds === null) {
      const { mutedUntil: _m, ...rest } = record;
      tx.put(COLLECTIONS.subscribers, key, rest);
      queueOutbox(tx, s, 'unmute', record.botId, chatId, at);
      tx.append(COLLECTIONS.events, key, { at, type: 'unmuted' });
    } else {
      tx.put(COLLECTIONS.subscribers, key, { ...record, mutedUntil: at + seconds * 1_000 });
      queueOutbox(tx, s, 'mute', record.botId, chatId, at, seconds);
      tx.append(COLLECTIONS.events, key, { at, type: 'muted', detail: `${seconds}` });
    }
    await commit(tx);
    return subscriberDetail(chatId);
  }

  function botUsername(): string {
    const username = pollerState.bot?.username ?? setupRecord().bot?.username;
    if (!username) throw new ApiFailure('not_ready', 'Connect the bot first: its username is needed for the link.');
    return username;
  }

  // ------------------------------------------------------------------ API

  const api: EngineApi = {
    getStatus: async () => status(),
    getSetup: () => setupState(),
    async saveSetupStep({ step, botPath }) {
      const record = setupRecord();
      const change: Partial<SetupRecord> = { step };
      if (botPath !== undefined) change.botPath = botPath;
      if (step === 'live-test' && record.liveTestSince === null) change.liveTestSince = now();
      await saveSetup(change);
      return setupState();
    },
    checkKeychain,
    async setBotToken({ token: pasted }) {
      const token = extractBotToken(pasted);
      if (!token) throw new ApiFailure('token_format', 'This does not look like a bot token. It should look like 123456789:ABC…');
      const root = settings().telegramApiRoot;
      const found = await inspectBot(token, root);
      await saveSecret('botToken', token);
      await saveSetup({ bot: found.bot, webhook: found.webhook, botTokenRoot: root });
      poller.kick();
      return found;
    },
    async switchBotToThisApp() {
      const token = usableSecret('botToken');
      if (!token) throw new ApiFailure('not_ready', heldBack('botToken') ? 'The Telegram API address changed: enter the bot token again first.' : 'Enter the bot token first.');
      await removeWebhook(token, settings().telegramApiRoot);
      const found = await inspectBot(token, settings().telegramApiRoot);
      await saveSetup({ bot: found.bot, webhook: found.webhook });
      poller.kick();
      return found;
    },
    async setAppUuid({ appUuid: pasted }) {
      const appUuid = extractAppUuid(pasted);
      if (!appUuid) throw new ApiFailure('app_uuid_format', 'This does not look like a bot ID from Yespo. It looks like 1a2b3c4d-1234-5678-9abc-1234567890ab.');
      await saveSetup({ appUuid });
      sync.syncNow();
      return setupState();
    },
    async setYespoApiKey({ apiKey: pasted }) {
      const apiKey = extractApiKey(pasted);
      if (!apiKey) throw new ApiFailure('api_key_format', 'This does not look like a Yespo API key. Copy it again from Settings → API.');
      const root = settings().yespoApiRoot;
      const account = await checkYespoKey(root, apiKey);
      await saveSecret('yespoApiKey', apiKey);
      await saveSetup({ yespo: account, yespoKeyRoot: root });
      sync.syncNow();
      return account;
    },
    async completeSetup() {
      const record = setupRecord();
      if (!cached.botToken) throw new ApiFailure('not_ready', 'The bot token is missing: go back to the bot step.');
      if (!record.appUuid) throw new ApiFailure('not_ready', 'The Yespo bot ID is missing: go back to the Yespo step.');
      if (!cached.yespoApiKey) throw new ApiFailure('not_ready', 'The Yespo API key is missing: go back to the API key step.');
      await saveSetup({ complete: true, step: 'done' });
      return setupState();
    },
    getSettings: async () => settings(),
    async updateSettings(patch) {
      for (const root of [patch.telegramApiRoot, patch.yespoApiRoot]) {
        const problem = root === undefined ? null : apiRootProblem(root);
        if (problem) throw new ApiFailure('invalid_argument', problem);
      }
      const stored = storedSettings();
      const next = applyPatch(stored, patch);
      const tx = requireStore().tx().put(COLLECTIONS.meta, META.settings, next);
      const keep = bindingsToKeep(setupRecord(), stored, patch);
      if (Object.keys(keep).length) tx.put(COLLECTIONS.meta, META.setup, { ...setupRecord(), ...keep });
      await commit(tx);
      if (patch.telegramApiRoot) poller.kick();
      if (patch.yespoApiRoot || patch.batchSize) sync.wake();
      return settings();
    },
    async getDeepLink({ externalCustomerId, contactId, source }) {
      const base = `https://t.me/${botUsername()}`;
      if (externalCustomerId === undefined && contactId === undefined) {
        return { url: source ? `${base}?start=${source}` : base, payload: source ?? '' };
      }
      const secret = await linkSecret();
      if (!secret) throw new ApiFailure('keychain_unavailable', "Signed links need the computer's password store, which is not available.");
      const payload = contactId !== undefined ? signPayload(secret, 'contactId', String(contactId)) : signPayload(secret, 'externalCustomerId', externalCustomerId!.trim());
      if (!payload) throw new ApiFailure('invalid_argument', 'This customer id is too long for a Telegram link (at most 34 characters).');
      return { url: `${base}?start=${payload}`, payload };
    },
    async revealLinkKey() {
      const key = await linkSecret();
      if (!key) throw new ApiFailure('keychain_unavailable', "The link-signing key lives in the computer's password store, which is not available.");
      return { key };
    },
    async disconnect({ deleteData }) {
      await poller.stop();
      await replies.stop();
      await sync.stop();
      for (const name of ['botToken', 'yespoApiKey'] as const) {
        await secrets.delete(name).catch((error: unknown) => logger.warn({ err: error, name }, 'could not delete a secret'));
        cached[name] = null;
      }
      const s = requireStore();
      const tx = s.tx().put(COLLECTIONS.meta, META.setup, EMPTY_SETUP);
      if (deleteData) {
        for (const c of [COLLECTIONS.subscribers, COLLECTIONS.events, COLLECTIONS.outbox, COLLECTIONS.replies, COLLECTIONS.failures]) {
          for (const key of [...s.collection(c).keys()]) tx.delete(c, key);
        }
        for (const key of [...s.collection(COLLECTIONS.meta).keys()]) if (key !== META.settings && key !== META.setup) tx.delete(COLLECTIONS.meta, key);
      }
      await commit(tx);
      pollerState = { state: 'not-configured' };
      poller.start();
      replies.start();
      sync.start();
      pushSubscribers();
      const state = await setupState();
      events.emit('setup', state);
      return state;
    },
    querySubscribers: async (q) => querySubscribers(requireStore(), currentBotId(), q, settings().externalIdPrefix),
    getSubscriber: async ({ chatId }) => subscriberDetail(chatId),
    muteSubscriber: ({ chatId, seconds }) => setMute(chatId, seconds),
    unmuteSubscriber: ({ chatId }) => setMute(chatId, null),
    async getStats() {
      const { counts, perDay } = subscriberStats(requireStore(), currentBotId(), now());
      const sy = sync.status();
      return { counts, perDay, pending: sy.pending, failed: sy.failed };
    },
    listFailures: async () => sync.failures(),
    retryFailures: async ({ cause }) => ({ queued: await sync.retry(cause) }),
    async syncNow() {
      poller.kick();
      replies.wake();
      sync.syncNow();
      void sync.pollActivity().catch((error: unknown) => logger.warn({ err: error }, 'reading delivery reports failed'));
      return status();
    },
    async setPaused({ paused: value }) {
      await commit(requireStore().tx().put(COLLECTIONS.meta, META.paused, value));
      if (value) poller.suspend();
      else poller.resume();
      sync.wake();
      replies.wake();
      return status();
    },
    async getLiveTest() {
      const record = setupRecord();
      const link = `https://t.me/${botUsername()}`;
      const since = record.liveTestSince;
      let newest: StoredSubscriber | undefined;
      if (since !== null && store) {
        for (const s of store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()) {
          if (s.botId === record.bot?.id && s.lastStartAt >= since && (!newest || s.lastStartAt > newest.lastStartAt)) newest = s;
        }
      }
      return {
        link,
        since,
        subscriber: newest ? { chatId: newest.chatId, name: [newest.firstName, newest.lastName].filter(Boolean).join(' '), at: newest.lastStartAt, yespo: newest.yespo.state } : null,
      };
    },
  };

  return {
    api,
    on: (event, listener) => events.on(event, listener),
    async start() {
      // The keychain answers from its own thread while the data file is read and parsed.
      const secretsLoaded = (async () => {
        await checkKeychain();
        await loadSecret('botToken');
        await loadSecret('yespoApiKey');
      })();
      try {
        store = await Store.open(`${options.dataDir}/store`, { beforeWrite: options.beforeStoreWrite, checkRecord: recordIsReadable });
      } catch (error) {
        storeProblem = redact(error instanceof Error ? error.message : String(error));
        logger.error({ err: error }, 'the data folder could not be opened');
      }
      sync = new YespoSync({
        get store() {
          return requireStore();
        },
        logger,
        now,
        config: () => {
          const s = settings();
          return {
            apiRoot: s.yespoApiRoot,
            apiKey: usableSecret('yespoApiKey'),
            appUuid: setupRecord().appUuid,
            batchSize: s.batchSize,
            externalIdPrefix: s.externalIdPrefix,
            activityPollMinutes: s.activityPollMinutes,
            paused: paused(),
          };
        },
        onChange: () => pushStatus(),
        timing: options.yespoTiming,
      } as ConstructorParameters<typeof YespoSync>[0]);
      await secretsLoaded;
      await linkSecret();
      started = true;
      if (!store) {
        events.emit('status', status());
        return;
      }
      counter = new SubscriberCounts(store, now);
      store.onChange((collections) => {
        if (collections.has(COLLECTIONS.subscribers)) pushSubscribers();
        pushStatus();
      });
      const bot = setupRecord().bot;
      const lastPollAt = bot ? store.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(bot.id))?.lastPollAt : undefined;
      startedAt = now();
      if (lastPollAt !== undefined) offlineGapHours = (startedAt - lastPollAt) / 3_600_000;
      if (paused()) poller.suspend();
      poller.start();
      replies.start();
      sync.start();
      events.emit('status', status());
    },
    async stop() {
      started = false;
      if (statusTimer) clearTimeout(statusTimer);
      if (subscribersTimer) clearTimeout(subscribersTimer);
      await poller.stop();
      await replies.stop();
      if (store) {
        await sync.stop();
        await store.close();
      }
    },
    suspend: () => poller.suspend(),
    resume: () => {
      if (!paused()) poller.resume();
      sync.syncNow();
    },
  };
}
