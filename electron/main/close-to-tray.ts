import { Notification, type BrowserWindow } from 'electron';
import type { Logger } from '../core/log.js';
import { decideClose } from './close-policy.js';
import { shellText, type ShellLanguage } from './shell-text.js';
import { saveShellState, type ShellState } from './shell-state.js';

export interface CloseToTrayOptions {
  window: BrowserWindow;
  platform: NodeJS.Platform;
  closeToTray: () => boolean;
  isQuitting: () => boolean;
  language: () => ShellLanguage;
  /** Mutated when the notice is shown, then saved to `stateFile`. */
  state: ShellState;
  stateFile: string;
  logger: Logger;
}

/** Closing the window hides it where the close policy says so, and says once that syncing goes on. */
export function keepRunningOnClose(options: CloseToTrayOptions): void {
  options.window.on('close', (event) => {
    const decision = decideClose({
      platform: options.platform,
      closeToTray: options.closeToTray(),
      isQuitting: options.isQuitting(),
      noticeShownBefore: options.state.closeNoticeShown,
    });
    if (decision.action === 'quit') return;
    event.preventDefault();
    options.window.hide();
    if (!decision.showNotice) return;
    const text = shellText(options.language());
    if (Notification.isSupported()) {
      new Notification({
        title: text.stillRunningTitle,
        body: options.platform === 'darwin' ? text.stillRunningBody.menuBar : text.stillRunningBody.tray,
      }).show();
    }
    options.state.closeNoticeShown = true;
    saveShellState(options.stateFile, options.state).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'could not remember that the tray notice was shown');
    });
  });
}
