/** Given to the app by its login item: start in the tray without opening the window. */
export const HIDDEN_ARG = '--hidden';

export interface LaunchContext {
  execPath: string;
  /** `$APPIMAGE`: the AppImage file. Its `execPath` points into a mount that is gone after exit. */
  appImage?: string;
  isPackaged: boolean;
  /** The app folder, which an unpackaged Electron binary needs as its first argument. */
  appPath: string;
}

/** The command line that starts this app again at login. */
export function loginCommand(context: LaunchContext): string[] {
  const program = context.appImage || context.execPath;
  return context.isPackaged ? [program, HIDDEN_ARG] : [program, context.appPath, HIDDEN_ARG];
}

export function startedHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARG);
}
