import path from 'node:path';
import type { Host, HostCapabilities } from '../core/contract/host.js';
import { hidesToTray } from './close-policy.js';
import type { LoginItem } from './login-item.js';

export function hostCapabilities(platform: NodeJS.Platform, notificationsSupported: boolean): HostCapabilities {
  return { loginItem: true, closeToTray: hidesToTray(platform), showFolder: true, notifications: notificationsSupported, saveDialog: true };
}

export interface DesktopHostOptions {
  platform: NodeJS.Platform;
  /** The one folder the host opens, whatever it is asked. */
  dataDir: string;
  loginItem: Pick<LoginItem, 'isEnabled' | 'set'>;
  /** Electron's `shell.openPath`: an error text, empty on success. */
  openPath: (folder: string) => Promise<string>;
  notificationsSupported: boolean;
  /** Electron's `dialog.showSaveDialog`, with the suggested path filled in. */
  showSaveDialog: (defaultPath: string) => Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the save dialog starts (the Downloads folder). */
  saveFolder: string;
}

/** The Electron shell's side of the host contract, which the engine calls for the switches only the desktop can carry out. */
export function createDesktopHost(options: DesktopHostOptions): Host {
  const dataDir = path.resolve(options.dataDir);
  return {
    capabilities: hostCapabilities(options.platform, options.notificationsSupported),
    loginItemEnabled: () => options.loginItem.isEnabled(),
    setLoginItem: (enabled) => options.loginItem.set(enabled),
    async showFolder(folder) {
      // openPath would also run a program or open a document: only the data folder is ever opened.
      if (path.resolve(folder) !== dataDir) throw new Error('The app opens only its own data folder.');
      const problem = await options.openPath(dataDir);
      if (problem) throw new Error(`Could not open the data folder: ${problem}`);
    },
    async chooseSaveFile(fileName) {
      const answer = await options.showSaveDialog(path.join(options.saveFolder, path.basename(fileName)));
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };
}
