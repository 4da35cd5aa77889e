import type { DesktopNotification, Host, HostCapabilities } from '../../electron/core/contract/host.js';

/** A desktop shell's side of the host contract, as the Electron shell implements it, recording what it was asked. */
export interface FakeHost extends Host {
  loginItem: boolean;
  shownFolders: string[];
  notifications: DesktopNotification[];
}

export function fakeHost(capabilities: Partial<HostCapabilities> = {}, loginItem = false): FakeHost {
  const host: FakeHost = {
    capabilities: { loginItem: true, closeToTray: true, showFolder: true, notifications: true, ...capabilities },
    loginItem,
    shownFolders: [],
    notifications: [],
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
  };
  return host;
}
