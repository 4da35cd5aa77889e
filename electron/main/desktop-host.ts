import path from 'node:path';
import type { DesktopNotification, Host, HostCapabilities, UpdateFeed } from '../core/contract/host.js';
import { hidesToTray } from './close-policy.js';
import type { LoginItem } from './login-item.js';

export function hostCapabilities(platform: NodeJS.Platform, notificationsSupported: boolean, updatesOn = false): HostCapabilities {
  return { loginItem: true, closeToTray: hidesToTray(platform), showFolder: true, notifications: notificationsSupported, updates: updatesOn, saveDialog: true };
}

export interface DesktopHostOptions {
  platform: NodeJS.Platform;
  /** The one folder the host opens, whatever it is asked. */
  dataDir: string;
  loginItem: Pick<LoginItem, 'isEnabled' | 'set'>;
  /** Electron's `shell.openPath`: an error text, empty on success. */
  openPath: (folder: string) => Promise<string>;
  notificationsSupported: boolean;
  /** Shows a notification that opens the window at its route when clicked (`desktop-notification.ts`). */
  notify: (notification: DesktopNotification) => void;
  /** Electron's `dialog.showOpenDialog` for one backup file: the chosen path, or null when cancelled. */
  chooseFile: () => Promise<string | null>;
  /** The app's updater (updates.ts); its state is `off` in a build without an update feed. */
  updates: UpdateFeed;
  /** Electron's `dialog.showSaveDialog`, with the suggested path filled in. */
  showSaveDialog: (defaultPath: string) => Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the save dialog starts (the Downloads folder). */
  saveFolder: string;
}

/** The Electron shell's side of the host contract, which the engine calls for the switches only the desktop can carry out. */
export function createDesktopHost(options: DesktopHostOptions): Host {
  const dataDir = path.resolve(options.dataDir);
  return {
    capabilities: hostCapabilities(options.platform, options.notificationsSupported, options.updates.state().state !== 'off'),
    updates: options.updates,
    loginItemEnabled: () => options.loginItem.isEnabled(),
    setLoginItem: (enabled) => options.loginItem.set(enabled),
    async showFolder(folder) {
      // openPath would also run a program or open a document: only the data folder is ever opened.
      if (path.resolve(folder) !== dataDir) throw new Error('The app opens only its own data folder.');
      const problem = await options.openPath(dataDir);
      if (problem) throw new Error(`Could not open the data folder: ${problem}`);
    },
    notify: (notification) => options.notify(notification),
    chooseOpenFile: () => options.chooseFile(),
    async chooseSaveFile(fileName) {
      const answer = await options.showSaveDialog(path.join(options.saveFolder, path.basename(fileName)));
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };
}
