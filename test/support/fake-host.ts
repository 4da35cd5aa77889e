import type { DesktopNotification, Host, HostCapabilities, UpdateFeed, UpdateState } from '../../electron/core/contract/host.js';

/** A desktop shell's side of the host contract, as the Electron shell implements it, recording what it was asked. */
export interface FakeHost extends Host {
  loginItem: boolean;
  shownFolders: string[];
  notifications: DesktopNotification[];
  /** What the open dialog answers next: a path, or null as when she cancels. */
  fileToOpen: string | null;
  /** What the save dialog answers: a path, or null for Cancel. */
  savePath: string | null;
  askedToSave: string[];
}

export function fakeHost(capabilities: Partial<HostCapabilities> = {}, loginItem = false): FakeHost {
  const host: FakeHost = {
    capabilities: { loginItem: true, closeToTray: true, showFolder: true, notifications: true, updates: false, saveDialog: true, ...capabilities },
    loginItem,
    shownFolders: [],
    notifications: [],
    fileToOpen: null,
    savePath: null,
    askedToSave: [],
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
    async chooseSaveFile(fileName) {
      host.askedToSave.push(fileName);
      return host.savePath;
    },
  };
  return host;
}

/** A desktop updater as the Electron shell's updates.ts presents it; the test moves its state. */
export interface FakeUpdateFeed extends UpdateFeed {
  set(state: UpdateState): void;
}

export function fakeUpdateFeed(initial: UpdateState): FakeUpdateFeed {
  let current = initial;
  const listeners = new Set<(state: UpdateState) => void>();
  return {
    state: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(state) {
      current = state;
      for (const listener of listeners) listener(state);
    },
  };
}
