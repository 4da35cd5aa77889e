import type { ClientApi } from '../../../electron/core/contract/api.js';
import type { ActionCode } from '../../../electron/core/contract/types.js';

export type ActionApi = Pick<ClientApi, 'syncNow' | 'setPaused' | 'updateSettings'>;

/** What a notice's button does: call the engine, go to the screen where it is fixed, or explain. */
export type ActionPlan =
  | { kind: 'call'; run: (api: ActionApi) => Promise<unknown>; doneKey: string }
  | { kind: 'navigate'; to: { path: string; query?: Record<string, string> } }
  | { kind: 'dialog'; dialog: 'switch-bot' | 'keychain-help' | 'data-folder' };

export const ACTION_PLANS: Record<ActionCode, ActionPlan> = {
  'finish-setup': { kind: 'navigate', to: { path: '/setup' } },
  'retry-sync': { kind: 'call', run: (api) => api.syncNow(), doneKey: 'status.done.retry-sync' },
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
