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
  /** Updates itself: a packaged desktop app built with an update feed. */
  updates: boolean;
  /** Ask where to save a file (the OS's save dialog). */
  saveDialog: boolean;
}

export const NO_HOST_CAPABILITIES: HostCapabilities = { loginItem: false, closeToTray: false, showFolder: false, notifications: false, updates: false, saveDialog: false };

/** Why an update check or download failed, in words the screen can explain. */
export type UpdateErrorReason = 'offline' | 'no-release' | 'not-trusted' | 'disk' | 'other';

/** Where the app's own update stands (times in ms since the epoch). */
export type UpdateState =
  /** This shell cannot update itself (the headless shell, a development run). */
  | { state: 'unavailable' }
  /** Built without an update feed. */
  | { state: 'off' }
  /** On, not checked yet. */
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; checkedAt: number }
  | { state: 'downloading'; version: string; percent: number }
  /** Downloaded; installs when the app quits. */
  | { state: 'ready'; version: string }
  | { state: 'error'; reason: UpdateErrorReason; at: number };

export const NO_UPDATES: UpdateState = { state: 'unavailable' };

/** The shell's updater as the engine sees it: a state to read and follow. */
export interface UpdateFeed {
  state(): UpdateState;
  onChange(listener: (state: UpdateState) => void): () => void;
}

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
  /** Absent where the shell has no updater. */
  readonly updates?: UpdateFeed;
  /** The path the owner chose for a file suggested as `fileName`, or null when she cancelled. */
  chooseSaveFile(fileName: string): Promise<string | null>;
}
