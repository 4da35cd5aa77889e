import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesktopNotification, UpdateFeed } from '../../electron/core/contract/host.js';
import { createDesktopHost, hostCapabilities, type DesktopHostOptions } from '../../electron/main/desktop-host.js';

describe('hostCapabilities', () => {
  it('keeps running in the tray only on macOS and Windows; Linux closes, as the README says', () => {
    expect(hostCapabilities('darwin', true)).toEqual({ loginItem: true, closeToTray: true, showFolder: true, notifications: true, updates: false, saveDialog: true });
    expect(hostCapabilities('win32', true).closeToTray).toBe(true);
    expect(hostCapabilities('linux', true)).toEqual({ loginItem: true, closeToTray: false, showFolder: true, notifications: true, updates: false, saveDialog: true });
  });

  it('offers notifications only where the OS has them', () => {
    expect(hostCapabilities('linux', false).notifications).toBe(false);
  });

  it('updates itself only when the build has an update feed', () => {
    expect(hostCapabilities('win32', true, true).updates).toBe(true);
    expect(hostCapabilities('win32', true, false).updates).toBe(false);
  });
});

describe('the desktop host', () => {
  const dataDir = path.resolve('/home/olena/.config/telegram-connector');

  const offFeed: UpdateFeed = { state: () => ({ state: 'off' }), onChange: () => () => undefined };

  function host(openResult = '', updates: UpdateFeed = offFeed, dialogAnswer: { canceled: boolean; filePath?: string } = { canceled: true }) {
    const opened: string[] = [];
    const dialogs: string[] = [];
    const changes: boolean[] = [];
    const notified: DesktopNotification[] = [];
    let enabled = false;
    const chosen = ['/home/olena/backup.zip'];
    const options: DesktopHostOptions = {
      platform: 'win32',
      dataDir,
      notificationsSupported: true,
      updates,
      loginItem: {
        isEnabled: () => enabled,
        set: async (next) => {
          changes.push(next);
          enabled = next;
        },
      },
      openPath: async (folder) => {
        opened.push(folder);
        return openResult;
      },
      notify: (notification) => notified.push(notification),
      chooseFile: async () => chosen.shift() ?? null,
      showSaveDialog: async (defaultPath) => {
        dialogs.push(defaultPath);
        return dialogAnswer;
      },
      saveFolder: path.resolve('/home/olena/Downloads'),
    };
    return { host: createDesktopHost(options), opened, changes, notified, dialogs };
  }

  it('reads and sets the login item through the OS', async () => {
    const h = host();
    expect(h.host.loginItemEnabled()).toBe(false);
    await h.host.setLoginItem(true);
    expect(h.changes).toEqual([true]);
    expect(h.host.loginItemEnabled()).toBe(true);
  });

  it('asks where to save, starting in Downloads with the suggested name, and says when the owner cancelled', async () => {
    const chosen = path.resolve('/home/olena/Desktop/list.csv');
    const h = host('', offFeed, { canceled: false, filePath: chosen });
    expect(await h.host.chooseSaveFile('subscribers-2026-12-03.csv')).toBe(chosen);
    // A suggested name is only a name: a path in it does not move the dialog elsewhere.
    await h.host.chooseSaveFile('../../etc/passwd.csv');
    expect(h.dialogs).toEqual([path.resolve('/home/olena/Downloads/subscribers-2026-12-03.csv'), path.resolve('/home/olena/Downloads/passwd.csv')]);
    expect(await host().host.chooseSaveFile('subscribers.csv')).toBeNull();
  });

  it('opens the data folder, and no other', async () => {
    const h = host();
    await h.host.showFolder(dataDir);
    await h.host.showFolder(`${dataDir}${path.sep}`);
    await expect(h.host.showFolder(path.resolve('/etc'))).rejects.toThrow(/only its own data folder/);
    await expect(h.host.showFolder(path.join(dataDir, '..'))).rejects.toThrow(/only its own data folder/);
    expect(h.opened).toEqual([dataDir, dataDir]);
  });

  it('hands the engine the file chosen in the open dialog, and null once it is cancelled', async () => {
    const h = host();
    expect(await h.host.chooseOpenFile()).toBe('/home/olena/backup.zip');
    expect(await h.host.chooseOpenFile()).toBeNull();
  });

  it('hands the engine its updater, and claims the capability only when updates are on in this build', () => {
    const off = host();
    expect(off.host.capabilities.updates).toBe(false);
    expect(off.host.updates?.state()).toEqual({ state: 'off' });
    const onFeed: UpdateFeed = { state: () => ({ state: 'idle' }), onChange: () => () => undefined };
    const on = host('', onFeed);
    expect(on.host.capabilities.updates).toBe(true);
    expect(on.host.updates).toBe(onFeed);
  });

  it('says why the file manager could not open it', async () => {
    await expect(host('Failed to open path').host.showFolder(dataDir)).rejects.toThrow('Could not open the data folder: Failed to open path');
  });

  it('shows the engine’s notifications through the OS, with the route a click opens', () => {
    const h = host();
    h.host.notify({ title: 'Yespo doesn’t accept the API key', body: 'Enter a new API key.', route: '/settings?section=api-key' });
    expect(h.notified).toEqual([{ title: 'Yespo doesn’t accept the API key', body: 'Enter a new API key.', route: '/settings?section=api-key' }]);
  });
});
