import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDesktopHost, hostCapabilities, type DesktopHostOptions } from '../../electron/main/desktop-host.js';

describe('hostCapabilities', () => {
  it('keeps running in the tray only on macOS and Windows; Linux closes, as the README says', () => {
    expect(hostCapabilities('darwin', true)).toEqual({ loginItem: true, closeToTray: true, showFolder: true, notifications: true, saveDialog: true });
    expect(hostCapabilities('win32', true).closeToTray).toBe(true);
    expect(hostCapabilities('linux', true)).toEqual({ loginItem: true, closeToTray: false, showFolder: true, notifications: true, saveDialog: true });
  });

  it('offers notifications only where the OS has them', () => {
    expect(hostCapabilities('linux', false).notifications).toBe(false);
  });
});

describe('the desktop host', () => {
  const dataDir = path.resolve('/home/olena/.config/telegram-connector');

  function host(openResult = '', dialogAnswer: { canceled: boolean; filePath?: string } = { canceled: true }) {
    const opened: string[] = [];
    const dialogs: string[] = [];
    const changes: boolean[] = [];
    let enabled = false;
    const options: DesktopHostOptions = {
      platform: 'win32',
      dataDir,
      notificationsSupported: true,
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
      showSaveDialog: async (defaultPath) => {
        dialogs.push(defaultPath);
        return dialogAnswer;
      },
      saveFolder: path.resolve('/home/olena/Downloads'),
    };
    return { host: createDesktopHost(options), opened, changes, dialogs };
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
    const h = host('', { canceled: false, filePath: chosen });
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

  it('says why the file manager could not open it', async () => {
    await expect(host('Failed to open path').host.showFolder(dataDir)).rejects.toThrow('Could not open the data folder: Failed to open path');
  });
});
