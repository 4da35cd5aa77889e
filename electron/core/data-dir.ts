import { createHash } from 'node:crypto';
import path from 'node:path';

/** The folder name under the OS's per-user application data folder. */
export const DATA_FOLDER_NAME = 'telegram-connector-yespo';

export interface DataDirContext {
  /** `--data-dir`, when given. */
  flag?: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * Where the headless shell keeps its data: `--data-dir`, else `APP_USER_DATA` (the variable the
 * Electron shell honours too, so tests isolate both the same way), else the OS's usual place.
 */
export function resolveDataDir({ flag, env, platform, home }: DataDirContext): string {
  if (flag) return path.resolve(flag);
  if (env.APP_USER_DATA) return path.resolve(env.APP_USER_DATA);
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), DATA_FOLDER_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', DATA_FOLDER_NAME);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), DATA_FOLDER_NAME);
  }
}

/**
 * The keychain service that holds this data folder's secrets. The usual folder uses the app id, as
 * the desktop app does; any other folder gets its own service, so two instances for two bots (or
 * parallel tests) never read or overwrite each other's bot token and API key.
 */
export function keychainServiceFor(appId: string, dataDir: string, defaultDataDir: string): string {
  if (path.resolve(dataDir) === path.resolve(defaultDataDir)) return appId;
  return `${appId}.${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

/** The OS's usual data folder for this app, whatever APP_USER_DATA says. */
export function usualDataDir(context: Omit<DataDirContext, 'flag'>): string {
  return resolveDataDir({ ...context, env: { ...context.env, APP_USER_DATA: undefined } });
}
