import path from 'node:path';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { PRODUCT_NAME } from '../core/app-id.js';
import type { Status } from '../core/contract/types.js';
import { shellText, statusLine, type ShellLanguage } from './shell-text.js';
import { trayState, type TrayState } from './tray-state.js';

export interface AppTrayOptions {
  /** Holds `<state>.png` and `<state>@2x.png`; Electron picks the one for the screen's scale. */
  iconDir: string;
  language: () => ShellLanguage;
  startAtLogin: () => boolean;
  onOpen: () => void;
  onSyncNow: () => void;
  onSetPaused: (paused: boolean) => void;
  onStartAtLogin: (enabled: boolean) => void;
  onQuit: () => void;
}

export interface AppTray {
  /** Shows a new status (from the `status` event or a tray action). */
  update(status: Status): void;
  /** Rebuilds the menu, e.g. after the language or the login item changed. */
  refresh(): void;
  destroy(): void;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const images = new Map<TrayState, NativeImage>();
  const image = (state: TrayState): NativeImage => {
    let cached = images.get(state);
    if (!cached) {
      cached = nativeImage.createFromPath(path.join(options.iconDir, `${state}.png`));
      images.set(state, cached);
    }
    return cached;
  };

  let status: Status | null = null;
  const tray = new Tray(image('ok'));
  // Windows and most Linux panels open the window on a click; macOS always shows the menu.
  tray.on('click', () => options.onOpen());

  const render = (): void => {
    const language = options.language();
    const text = shellText(language);
    const line = statusLine(status, language);
    const paused = status?.paused ?? false;
    tray.setImage(image(status ? trayState(status) : 'ok'));
    tray.setToolTip(`${PRODUCT_NAME}\n${line}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: text.open, click: () => options.onOpen() },
        { label: line, enabled: false },
        { type: 'separator' },
        { label: text.syncNow, enabled: status !== null && !paused, click: () => options.onSyncNow() },
        { label: paused ? text.resume : text.pause, enabled: status !== null, click: () => options.onSetPaused(!paused) },
        { type: 'separator' },
        { label: text.startAtLogin, type: 'checkbox', checked: options.startAtLogin(), click: (item) => options.onStartAtLogin(item.checked) },
        { type: 'separator' },
        { label: text.quit, click: () => options.onQuit() },
      ]),
    );
  };
  render();

  return {
    update(next) {
      status = next;
      render();
    },
    refresh: render,
    destroy: () => tray.destroy(),
  };
}
