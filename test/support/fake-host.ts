import type { DesktopNotification, Host, HostCapabilities } from '../../electron/core/contract/host.js';

/** A desktop shell's side of the host contract, as the Electron shell implements it, recording what it was asked. */
export interface FakeHost extends Host {
  loginItem: boolean;
  shownFolders: string[];
  notifications: DesktopNotification[];
  /** What the open dialog answers next: a path, or null as when she cancels. */
  fileToOpen: string | null;
}

export function fakeHost(capabilities: Partial<HostCapabilities> = {}, loginItem = false): FakeHost {
  const host: FakeHost = {
    capabilities: { loginItem: true, closeToTray: true, showFolder: true, notifications: true, ...capabilities },
    loginItem,
    shownFolders: [],
    notifications: [],
    fileToOpen: null,
    loginItemEnabled: () => host.loginItem,
    async setLoginItem(enabled) {
      host.loginItem = enabled;
    },
    async showFolder(folder) {
      host.shownFolders.push(folder);
    },
    notify(notification) {
      host.notifications.push(notification);
    },
    chooseOpenFile: async () => host.fileToOpen,
  };
  return host;
}
