export interface CloseContext {
  platform: NodeJS.Platform;
  /** The user's setting: keep syncing in the tray when the window closes. */
  closeToTray: boolean;
  /** Quit was asked for (tray menu, Cmd+Q, OS shutdown): the window must really close. */
  isQuitting: boolean;
  /** The "still running in the tray" notice was shown once already. */
  noticeShownBefore: boolean;
}

export interface CloseDecision {
  /** `hide`: keep running in the tray; `quit`: let the window close and the app end. */
  action: 'hide' | 'quit';
  showNotice: boolean;
}

/**
 * Only macOS and Windows hide to the tray: on Linux the tray icon is invisible on stock GNOME and the
 * app cannot tell, so hiding there could leave a running app with no visible way back; Linux users
 * who want always-on syncing have the autostart entry and the headless shell.
 */
export function hidesToTray(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** What closing the window does. */
export function decideClose(context: CloseContext): CloseDecision {
  const keepsRunning = !context.isQuitting && context.closeToTray && hidesToTray(context.platform);
  if (!keepsRunning) return { action: 'quit', showNotice: false };
  return { action: 'hide', showNotice: !context.noticeShownBefore };
}
