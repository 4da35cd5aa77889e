import type { ClientApi } from '../../../electron/core/contract/api.js';
import type { HostCapabilities } from '../../../electron/core/contract/host.js';
import type { ActionCode } from '../../../electron/core/contract/types.js';

export type ActionApi = Pick<ClientApi, 'syncNow' | 'setPaused' | 'updateSettings' | 'showDataFolder'>;

export type DialogName = 'switch-bot' | 'keychain-help' | 'data-folder';

/**
 * What a notice's button does: call the engine (and, if that fails, explain in the `otherwise`
 * dialog when there is one), go to the screen where it is fixed, or explain.
 */
export type ActionPlan =
  | { kind: 'call'; run: (api: ActionApi) => Promise<unknown>; doneKey: string; doneTone?: 'info'; otherwise?: DialogName }
  | { kind: 'navigate'; to: { path: string; query?: Record<string, string> } }
  | { kind: 'dialog'; dialog: DialogName };

export const ACTION_PLANS: Record<ActionCode, ActionPlan> = {
  'finish-setup': { kind: 'navigate', to: { path: '/setup' } },
  // Only an attempt: Yespo may well still be down, so it is news, not a success.
  'retry-sync': { kind: 'call', run: (api) => api.syncNow(), doneKey: 'status.done.retry-sync', doneTone: 'info' },
  'enter-token': { kind: 'navigate', to: { path: '/settings', query: { section: 'bot' } } },
  'switch-bot': { kind: 'dialog', dialog: 'switch-bot' },
  'enter-api-key': { kind: 'navigate', to: { path: '/settings', query: { section: 'api-key' } } },
  'enter-app-uuid': { kind: 'navigate', to: { path: '/settings', query: { section: 'app-uuid' } } },
  'keychain-help': { kind: 'dialog', dialog: 'keychain-help' },
  'enable-login-item': { kind: 'call', run: (api) => api.updateSettings({ startAtLogin: true }), doneKey: 'status.done.enable-login-item' },
  'show-data-folder': { kind: 'dialog', dialog: 'data-folder' },
  'show-failures': { kind: 'navigate', to: { path: '/failures' } },
  resume: { kind: 'call', run: (api) => api.setPaused({ paused: false }), doneKey: 'status.done.resume' },
};

const OPEN_DATA_FOLDER: ActionPlan = { kind: 'call', run: (api) => api.showDataFolder(), doneKey: 'status.done.show-data-folder', otherwise: 'data-folder' };

/** The plan for this host: the desktop app opens the data folder itself; elsewhere its path is shown. */
export function actionPlan(action: ActionCode, capabilities: HostCapabilities): ActionPlan {
  return action === 'show-data-folder' && capabilities.showFolder ? OPEN_DATA_FOLDER : ACTION_PLANS[action];
}

/** How the message after a call reads: a success tick, or plain news for a mere attempt. */
export function doneTone(plan: ActionPlan): 'success' | 'info' {
  return plan.kind === 'call' && plan.doneTone === 'info' ? 'info' : 'success';
}
