import type { Host, HostCapabilities } from '../../electron/core/contract/host.js';

/** A desktop shell's side of the host contract, as the Electron shell implements it, recording what it was asked. */
export interface FakeHost extends Host {
  loginItem: boolean;
  shownFolders: string[];
  /** What the save dialog answers: a path, or null for Cancel. */
  savePath: string | null;
  askedToSave: string[];
}

export function fakeHost(capabilities: Partial<HostCapabilities> = {}, loginItem = false): FakeHost {
  const host: FakeHost = {
    capabilities: { loginItem: true, closeToTray: true, showFolder: true, notifications: true, saveDialog: true, ...capabilities },
    loginItem,
    shownFolders: [],
    savePath: null,
    askedToSave: [],
    loginItemEnabled: () => host.loginItem,
    async setLoginItem(enabled) {
      host.loginItem = enabled;
    },
    async showFolder(folder) {
      host.shownFolders.push(folder);
    },
    async chooseSaveFile(fileName) {
      host.askedToSave.push(fileName);
      return host.savePath;
    },
  };
  return host;
}
