import { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from '../core/app-id.js';
import type { Logger } from '../core/log.js';

export interface WindowOptions {
  preload: string;
  url: string;
  icon: string;
  /** False when started at login: the app then lives in the tray until the user opens it. */
  show: boolean;
  logger: Logger;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 820,
    minHeight: 560,
    show: false,
    title: PRODUCT_NAME,
    icon: options.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  if (options.show) window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error({ reason: details.reason, exitCode: details.exitCode }, 'the window page crashed');
  });
  window.loadURL(options.url).catch((error: unknown) => options.logger.error({ err: error }, 'the window page did not load'));
  return window;
}

export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
