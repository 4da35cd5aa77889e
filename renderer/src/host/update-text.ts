import type { UpdateState } from '../../../electron/core/contract/host.js';

export interface UpdateMessage {
  /** A key under `updates` in the locale files. */
  key: string;
  tone: 'default' | 'info' | 'success' | 'warning';
  version?: string;
  percent?: number;
  /** When it last looked (up to date) or failed; shown relative to now. */
  at?: number;
}

/** What Settings says about the app's own updates; nothing until the engine has answered. */
export function updateMessage(update: UpdateState | null): UpdateMessage | null {
  if (!update) return null;
  switch (update.state) {
    case 'unavailable':
    case 'off':
    case 'idle':
    case 'checking':
      return { key: `updates.${update.state}`, tone: 'default' };
    case 'up-to-date':
      return { key: 'updates.upToDate', tone: 'default', at: update.checkedAt };
    case 'downloading':
      return { key: 'updates.downloading', tone: 'info', version: update.version, percent: update.percent };
    case 'ready':
      return { key: 'updates.ready', tone: 'success', version: update.version };
    case 'error':
      return { key: `updates.errors.${update.reason}`, tone: 'warning', at: update.at };
  }
}
