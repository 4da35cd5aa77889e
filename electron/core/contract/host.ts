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
  /** Ask where to save a file (the OS's save dialog). */
  saveDialog: boolean;
}

export const NO_HOST_CAPABILITIES: HostCapabilities = { loginItem: false, closeToTray: false, showFolder: false, notifications: false, saveDialog: false };

export interface Host {
  readonly capabilities: HostCapabilities;
  /** The OS is the truth about the login item: the user may change it there. */
  loginItemEnabled(): boolean;
  setLoginItem(enabled: boolean): Promise<void>;
  showFolder(folder: string): Promise<void>;
  /** The path the owner chose for a file suggested as `fileName`, or null when she cancelled. */
  chooseSaveFile(fileName: string): Promise<string | null>;
}
