/**
 * The names every bridge is built from (IPC handlers, preload, headless HTTP routes, renderer client).
 * Kept free of imports so the sandboxed preload can bundle it alone.
 */
export const METHODS = [
  'getStatus',
  'getSetup',
  'saveSetupStep',
  'checkKeychain',
  'setBotToken',
  'switchBotToThisApp',
  'setAppUuid',
  'setYespoApiKey',
  'completeSetup',
  'getSettings',
  'updateSettings',
  'getDeepLink',
  'revealLinkKey',
  'disconnect',
  'querySubscribers',
  'listSubscriberSources',
  'getSubscriber',
  'muteSubscriber',
  'unmuteSubscriber',
  'forgetSubscriber',
  'importSubscribers',
  'exportSubscribers',
  'getStats',
  'listFailures',
  'retryFailures',
  'checkDeliveryReports',
  'syncNow',
  'setPaused',
  'getLiveTest',
  'getHostCapabilities',
  'showDataFolder',
  'getOwnerAlerts',
  'startOwnerAlerts',
  'stopOwnerAlerts',
  'saveDiagnostics',
  'backupData',
  'chooseBackupFile',
  'restoreBackup',
  'getUpdateState',
] as const;

export type MethodName = (typeof METHODS)[number];

/** Pushes from the engine to the UI. */
export const EVENTS = ['status', 'subscribers', 'setup', 'settings', 'updates', 'saving'] as const;

export type EventName = (typeof EVENTS)[number];

/** The prefix of every IPC channel, so the shell can reject anything else. */
export const IPC_PREFIX = 'api:';
export const IPC_EVENT_PREFIX = 'event:';
