import path from 'node:path';

export interface ShellPaths {
  preload: string;
  /** The built renderer that `app://app/` serves. */
  renderer: string;
  trayIcons: string;
  windowIcon: string;
}

/**
 * Where the shell's files are. `mainDir` is the folder of the built main.js (`dist-electron`).
 * Icons are extra resources in a package (outside the asar, next to it) and `build/` in development.
 */
export function shellPaths(mainDir: string, isPackaged: boolean, resourcesPath: string): ShellPaths {
  const appRoot = path.resolve(mainDir, '..');
  const icons = isPackaged ? resourcesPath : path.join(appRoot, 'build');
  return {
    preload: path.join(mainDir, 'preload.cjs'),
    renderer: path.join(appRoot, 'dist'),
    trayIcons: path.join(icons, 'tray'),
    windowIcon: path.join(icons, 'icons', '512x512.png'),
  };
}
