import type { Settings } from '../core/contract/types.js';

/** The settings the shell itself acts on; start at login is the OS's (see desktop-host.ts). */
export type ShellSettings = Pick<Settings, 'uiLanguage' | 'closeToTray'>;

/** Used until the engine's settings can be read (first start, or a store that failed to open). */
export const DEFAULT_SHELL_SETTINGS: ShellSettings = { uiLanguage: 'system', closeToTray: true };

export function shellSettingsFrom(settings: Settings): ShellSettings {
  return { uiLanguage: settings.uiLanguage, closeToTray: settings.closeToTray };
}
