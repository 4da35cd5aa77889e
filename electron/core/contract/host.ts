/**
 * The host contract, beside the engine's: what the program around the engine (the Electron shell)
 * can do on this computer. The engine asks through it and never imports Electron; the headless
 * shell has none of it, and the UI shows a control only when the host can act on it.
 */
export interface HostCapabilities {
  /** Start the app when the user signs in. */
  loginItem: boolean;
  /** Keep running next to the clock when the window is closed. */
  closeToTray: boolean;
  /** Open a folder in the computer's file manager. */
  showFolder: boolean;
  /** Desktop notifications. */
  notifications: boolean;
}

export const NO_HOST_CAPABILITIES: HostCapabilities = { loginItem: false, closeToTray: false, showFolder: false, notifications: false };

/** A desktop notification, in the UI's language; a click opens the window at `route`. */
export interface DesktopNotification {
  title: string;
  body: string;
  /** The UI route of the screen that fixes it, e.g. `/settings?section=bot`. */
  route: string;
}

export interface Host {
  readonly capabilities: HostCapabilities;
  /** The OS is the truth about the login item: the user may change it there. */
  loginItemEnabled(): boolean;
  setLoginItem(enabled: boolean): Promise<void>;
  showFolder(folder: string): Promise<void>;
  /** Called only when `capabilities.notifications` is true. */
  notify(notification: DesktopNotification): void;
  /** The OS's open dialog, for a backup to restore: the chosen path, or null when cancelled. */
  chooseOpenFile(): Promise<string | null>;
}
