import os from 'node:os';
import { app } from 'electron';
import { APP_ID, PRODUCT_NAME } from '../core/app-id.js';
import { loginCommand } from './launch-args.js';
import { autostartFile, desktopEntry, isAutostartEnabled, setAutostart, xdgConfigHome } from './linux-autostart.js';

/** Start at login: a login item on macOS and Windows, an XDG autostart entry on Linux. */
export interface LoginItem {
  isEnabled(): boolean;
  set(enabled: boolean): Promise<void>;
  /** macOS reports a login launch itself; elsewhere the command line carries `--hidden`. */
  wasOpenedAtLogin(): boolean;
}

export function createLoginItem(platform: NodeJS.Platform): LoginItem {
  const command = loginCommand({
    execPath: process.execPath,
    appImage: process.env.APPIMAGE,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
  });

  if (platform === 'linux') {
    const file = autostartFile(xdgConfigHome(process.env, os.homedir()), APP_ID);
    return {
      isEnabled: () => isAutostartEnabled(file),
      set: (enabled) =>
        setAutostart(file, enabled ? desktopEntry({ name: PRODUCT_NAME, comment: 'Adds Telegram bot subscribers to Yespo', command }) : null),
      wasOpenedAtLogin: () => false,
    };
  }

  // Windows matches a login item by path and arguments, so both are given when reading it back too.
  const [path, ...args] = command;
  const windowsItem = platform === 'win32' ? { path, args } : {};
  return {
    isEnabled: () => app.getLoginItemSettings(windowsItem).openAtLogin,
    set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, ...windowsItem }),
    wasOpenedAtLogin: () => platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
  };
}
