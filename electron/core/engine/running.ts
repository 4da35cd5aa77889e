import { Api } from 'grammy';
import { alertLanguage } from '../alerts/alert-texts.js';
import { DesktopNotifications } from '../alerts/desktop-notifications.js';
import { MustActWatch } from '../alerts/must-act-watch.js';
import type { NotifiedStates } from '../alerts/notification-rules.js';
import { OwnerAlertsService } from '../alerts/owner-alerts.js';
import type { EngineApi } from '../contract/api.js';
import { BackupService } from '../backup/backup-service.js';
import { ApiFailure } from '../contract/errors.js';
import { DiagnosticsService } from '../diagnostics/diagnostics-service.js';
import { ownerFileSaver } from '../files/owner-saver.js';
import { LinksService } from '../links/links-service.js';
import { logFileOf } from '../log.js';
import type { BoundSecret } from '../secrets/vault.js';
import { SettingsService } from '../settings/settings-service.js';
import { SetupService } from '../setup/setup-service.js';
import { botStatusOf, syncStatusOf } from '../status/component-status.js';
import { StatusService } from '../status/status-service.js';
import { COLLECTIONS, META } from '../store/schema.js';
import { StoreWriteError, type Store, type Tx } from '../store/store.js';
import { SubscriberService } from '../subscribers/subscriber-service.js';
import { applyBatch } from '../telegram/batch.js';
import { BotMenu } from '../telegram/bot-menu.js';
import { Poller, pollerMetaKey, type PollerMeta, type PollerState } from '../telegram/poller.js';
import { AnswerSender } from '../telegram/callback-answers.js';
import { ReplySender } from '../telegram/replies.js';
import { YespoSync } from '../yespo/sync.js';
import { hostCalls } from './host-calls.js';
import type { EnginePhase, PhaseContext } from './phase.js';

/** Home counts the newsletters that failed within this window. */
const UNDELIVERED_WINDOW_MS = 30 * 86_400_000;

/** The whole engine on an open store: its services, the workers, and the API that maps onto them. */
export function runningPhase({ options, vault, events }: PhaseContext, store: Store): EnginePhase {
  const { logger } = options;
  const overrides = options.overrides ?? {};
  const host = options.host ?? null;
  const now = options.now ?? Date.now;
  let pollerState: PollerState = { state: 'not-configured' };
  const saver = ownerFileSaver(options.saver, host, (progress) => events.emit('saving', progress));

  async function commit(tx: Tx): Promise<void> {
    try {
      await store.commit(tx);
    } catch (error) {
      if (error instanceof StoreWriteError) throw new ApiFailure('store_failed', error.message);
      throw error;
    }
    status.push();
  }

  const settings: SettingsService = new SettingsService({
    store,
    overrides,
    host,
    commit,
    setupRecord: () => setup.record(),
    onChange: (patch, next) => {
      events.emit('settings', next);
      if (patch.telegramApiRoot) poller.kick();
      if (patch.yespoApiRoot || patch.batchSize) sync.wake();
    },
  });
  const currentBot = () => pollerState.bot ?? setup.record().bot;
  const currentBotId = () => currentBot()?.id ?? null;
  const subscribers = new SubscriberService({ store, now, commit, currentBotId, externalIdPrefix: () => settings.current().externalIdPrefix });
  const setup: SetupService = new SetupService({
    store,
    overrides,
    vault,
    settings,
    events,
    now,
    commit,
    currentBot,
    newestSubscriberSince: (botId, since) => subscribers.newestSince(botId, since),
    onBotChanged: () => poller.kick(),
    onYespoChanged: () => sync.syncNow(),
  });
  const links = new LinksService({ vault, botUsername: () => setup.botUsername() });
  vault.bindRoots((name: BoundSecret) => {
    const stored = settings.stored();
    const record = setup.record();
    return name === 'botToken'
      ? { root: settings.current().telegramApiRoot, binding: { override: overrides.telegramApiRoot, recorded: record.botTokenRoot, stored: stored.telegramApiRoot } }
      : { root: settings.current().yespoApiRoot, binding: { override: overrides.yespoApiRoot, recorded: record.yespoKeyRoot, stored: stored.yespoApiRoot } };
  });

  const poller = new Poller({
    store,
    logger,
    now,
    token: () => (settings.paused() ? null : vault.usable('botToken')),
    apiRoot: () => settings.current().telegramApiRoot,
    applyBatch: (tx, bot, updates) => applyBatch(tx, updates, { store, bot, settings: settings.current(), linkSecret: vault.linkKeyNow(), now: now(), logger }),
    // The Yespo sync follows the outbox through the store's change events by itself.
    afterBatch: () => {
      answers.wake();
      replies.wake();
    },
    onState: (state) => {
      pollerState = state;
      if (state.bot) setup.rememberBot(state.bot);
      if (state.state === 'polling') menu.ensure();
      status.push();
    },
    timeScale: options.timeScale,
    pollTimeoutSeconds: options.pollTimeoutSeconds,
  });

  let botApi: { key: string; api: Api } | null = null;
  /** The Bot API for replies and the menu; its key changes with the token or the API root. */
  const telegramApi = (): { key: string; api: Api } | null => {
    const token = vault.usable('botToken');
    if (!token || settings.paused()) return null;
    const apiRoot = settings.current().telegramApiRoot;
    if (botApi?.key !== `${apiRoot} ${token}`) botApi = { key: `${apiRoot} ${token}`, api: new Api(token, { apiRoot, timeoutSeconds: 30 }) };
    return botApi;
  };
  const menu = new BotMenu({ api: telegramApi, now, logger });
  const answers = new AnswerSender({ store, logger, now, api: () => telegramApi()?.api ?? null });
  const replies = new ReplySender({
    store,
    logger,
    now,
    api: () => telegramApi()?.api ?? null,
    texts: () => settings.current().texts,
    onChange: () => status.push(),
  });

  const sync = new YespoSync({
    store,
    logger,
    now,
    config: () => {
      const s = settings.current();
      return {
        apiRoot: s.yespoApiRoot,
        apiKey: vault.usable('yespoApiKey'),
        appUuid: setup.record().appUuid,
        batchSize: s.batchSize,
        externalIdPrefix: s.externalIdPrefix,
        activityPollMinutes: s.activityPollMinutes,
        paused: settings.paused(),
      };
    },
    onChange: () => status.push(),
    timing: options.yespoTiming,
  });

  const savedLastPollAt = (): number | undefined => {
    const botId = currentBotId();
    return botId === null ? undefined : store.get<PollerMeta>(COLLECTIONS.meta, pollerMetaKey(botId))?.lastPollAt;
  };
  const status = new StatusService({
    version: options.version,
    dataDir: options.dataDir,
    logger,
    now,
    vault,
    events,
    host,
    inputs: {
      setupComplete: () => setup.complete(),
      paused: () => settings.paused(),
      bot: () =>
        botStatusOf({
          poller: pollerState,
          recordedBot: setup.record().bot,
          savedLastPollAt: pollerState.lastPollAt === undefined ? savedLastPollAt() : undefined,
          paused: settings.paused(),
          hasToken: vault.has('botToken'),
          tokenHeldBack: vault.heldBack('botToken'),
          telegramApiRoot: settings.current().telegramApiRoot,
          now: now(),
        }),
      sync: () => syncStatusOf(sync.status(), vault.heldBack('yespoApiKey'), !!setup.record().appUuid, settings.current().yespoApiRoot),
      store: () => ({ state: store.health.state, folder: options.dataDir, detail: store.health.detail, movedAside: store.health.movedAside, quarantined: store.health.quarantined }),
      counts: () => subscribers.counts(),
      activityForbidden: () => sync.activityForbidden,
    },
  });

  const ownerAlerts = new OwnerAlertsService({
    store,
    logger,
    now,
    commit: (tx) => store.commit(tx),
    bot: () => currentBot() ?? null,
    settings: () => settings.current(),
    wakeSender: () => replies.wake(),
  });
  const notifications = new DesktopNotifications({
    host,
    logger,
    now,
    language: () => alertLanguage(settings.current().uiLanguage),
    notified: store.get<NotifiedStates>(COLLECTIONS.meta, META.desktopNotified) ?? {},
    save: (notified) => store.commit(store.tx().put(COLLECTIONS.meta, META.desktopNotified, notified)),
  });
  const mustAct = new MustActWatch({
    status: () => status.status(),
    events,
    logger,
    now,
    timeScale: options.timeScale,
    followers: [(states) => notifications.follow(states), (states) => ownerAlerts.follow(states.map((s) => s.code))],
  });

  const diagnostics = new DiagnosticsService({
    saver,
    logFile: logFileOf(options.dataDir),
    store,
    version: options.version,
    status: async () => status.status(),
    settings: () => settings.current(),
    secrets: () => vault.heldValues(),
    now,
  });
  const backups = new BackupService({
    store,
    saver,
    vault,
    host,
    dataDir: options.dataDir,
    version: options.version,
    now,
    bot: () => {
      const bot = currentBot();
      return bot ? { id: bot.id, username: bot.username } : null;
    },
    commit,
    pause: stopWorkers,
    resume: startWorkers,
  });

  function startWorkers(): void {
    poller.start();
    answers.start();
    replies.start();
    sync.start();
  }

  async function stopWorkers(): Promise<void> {
    await poller.stop();
    await answers.stop();
    await replies.stop();
    await sync.stop();
  }

  const api: EngineApi = {
    getStatus: async () => status.status(),
    getSetup: () => setup.state(),
    saveSetupStep: (step) => setup.saveStep(step),
    checkKeychain: () => vault.checkKeychain(),
    setBotToken: (args) => setup.setBotToken(args),
    switchBotToThisApp: () => setup.switchBotToThisApp(),
    setAppUuid: (args) => setup.setAppUuid(args),
    setYespoApiKey: (args) => setup.setYespoApiKey(args),
    completeSetup: () => setup.completeSetup(),
    getSettings: async () => settings.current(),
    updateSettings: (patch) => settings.update(patch),
    getDeepLink: (request) => links.deepLink(request),
    revealLinkKey: () => links.revealKey(),
    async disconnect({ deleteData }) {
      await stopWorkers();
      for (const name of ['botToken', 'yespoApiKey'] as const) {
        await vault.remove(name).catch((error: unknown) => logger.warn({ err: error, name }, 'could not delete a secret'));
      }
      const tx = store.tx();
      if (deleteData) subscribers.forgetAll(tx);
      const state = await setup.reset(tx);
      pollerState = { state: 'not-configured' };
      startWorkers();
      status.pushSubscribers();
      return state;
    },
    querySubscribers: async (q) => subscribers.query(q),
    listSubscriberSources: async () => subscribers.sources(),
    getSubscriber: async ({ chatId }) => subscribers.detail(chatId),
    muteSubscriber: ({ chatId, seconds }) => subscribers.mute(chatId, seconds),
    unmuteSubscriber: ({ chatId }) => subscribers.mute(chatId, null),
    forgetSubscriber: ({ chatId }) => subscribers.forget(chatId),
    importSubscribers: ({ csv }) => subscribers.importCsv(csv),
    exportSubscribers: (request) => saver.save(subscribers.exportJob(request)),
    async getStats() {
      const { pending, failed } = sync.status();
      return { ...subscribers.stats(), pending, failed, undeliveredLast30Days: sync.undeliveredSince(now() - UNDELIVERED_WINDOW_MS) };
    },
    listFailures: async () => sync.failures(),
    retryFailures: async ({ cause }) => ({ queued: await sync.retry(cause) }),
    async checkDeliveryReports() {
      const read = await sync.pollActivity();
      return { read, readAt: sync.reportsReadAt() ?? null };
    },
    async syncNow() {
      poller.kick();
      replies.wake();
      sync.syncNow();
      void sync.pollActivity().catch((error: unknown) => logger.warn({ err: error }, 'reading delivery reports failed'));
      return status.status();
    },
    async setPaused({ paused }) {
      await settings.setPaused(paused);
      if (paused) poller.suspend();
      else poller.resume();
      sync.wake();
      replies.wake();
      return status.status();
    },
    getLiveTest: async () => setup.liveTest(),
    getOwnerAlerts: async () => ownerAlerts.state(),
    startOwnerAlerts: () => ownerAlerts.begin(),
    stopOwnerAlerts: () => ownerAlerts.end(),
    saveDiagnostics: (args) => diagnostics.save(args),
    backupData: ({ passphrase }) => backups.backup(passphrase),
    chooseBackupFile: () => backups.chooseFile(),
    restoreBackup: (args) => backups.restore(args),
    ...hostCalls(host, options.dataDir),
  };

  return {
    api,
    start() {
      store.onChange((collections) => {
        if (collections.has(COLLECTIONS.subscribers)) status.pushSubscribers();
        status.push();
      });
      void settings.followLoginItem().catch((error: unknown) => logger.warn({ err: error }, 'could not record start at login'));
      if (settings.paused()) poller.suspend();
      status.start(savedLastPollAt());
      startWorkers();
      mustAct.start();
    },
    async stop() {
      await mustAct.stop();
      status.stop();
      await stopWorkers();
      await store.close();
    },
    suspend: () => poller.suspend(),
    resume: () => {
      if (!settings.paused()) poller.resume();
      sync.syncNow();
    },
    statusChanged: () => status.push(),
    busy: () => poller.busy || sync.busy,
  };
}
