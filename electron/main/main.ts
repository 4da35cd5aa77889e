import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, Notification, session, shell, type BrowserWindow } from 'electron';
import { APP_ID } from '../core/app-id.js';
import type { Settings, Status } from '../core/contract/types.js';
import { createEngine } from '../core/engine.js';
import { createLogger } from '../core/log.js';
import { redact } from '../core/redact.js';
import { keychainServiceFor, resolveDataDir, usualDataDir } from '../core/data-dir.js';
import { createKeychainSecrets } from '../core/secrets/keychain.js';
import { contentSecurityPolicy } from '../core/ui-files/csp.js';
import { installAppMenu } from './app-menu.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, routeUrl, urlOrigin } from './app-url.js';
import { keepRunningOnClose } from './close-to-tray.js';
import { createDesktopHost } from './desktop-host.js';
import { showDesktopNotification } from './desktop-notification.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { startedHidden } from './launch-args.js';
import { createLoginItem } from './login-item.js';
import { shellPaths } from './paths.js';
import { followPowerEvents } from './power.js';
import { registerAppScheme, serveAppFiles } from './protocol.js';
import { restrictSession, restrictWebContents } from './security.js';
import { DEFAULT_SHELL_SETTINGS, shellSettingsFrom, type ShellSettings } from './shell-settings.js';
import { loadShellState, shellStateFile } from './shell-state.js';
import { pickLanguage } from './shell-text.js';
import { createAppTray, type AppTray } from './tray.js';
import { startAppUpdates } from './updates.js';
import { createMainWindow, showWindow } from './window.js';

// Before the single-instance lock: the lock lives in the user-data folder, so a test that isolates
// its data also gets its own lock. The folder is the headless shell's too (APP_USER_DATA or the
// OS's usual place), so both shells see the same subscribers.
const dataContext = { env: process.env, platform: process.platform, home: os.homedir() };
app.setPath('userData', resolveDataDir(dataContext));

if (!app.requestSingleInstanceLock()) {
  // The running instance gets `second-instance` and shows its window.
  app.quit();
} else {
  registerAppScheme();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  startShell().catch((error: unknown) => {
    process.stderr.write(`The app could not start: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    app.exit(1);
  });
}

async function startShell(): Promise<void> {
  const platform = process.platform;
  let window: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  let quitting = false;
  let showWhenReady = false;

  app.on('second-instance', () => {
    if (window) showWindow(window);
    else showWhenReady = true;
  });
  app.on('activate', () => window && showWindow(window));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const dataDir = app.getPath('userData');
  const logger = createLogger({ dataDir });
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception in the main process'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection in the main process'));
  restrictWebContents(logger);

  const paths = shellPaths(path.dirname(fileURLToPath(import.meta.url)), app.isPackaged, process.resourcesPath);
  // A packaged app never loads a URL from its environment.
  const devServerUrl = (!app.isPackaged && process.env.VITE_DEV_SERVER_URL) || undefined;
  const devOrigin = devServerUrl ? urlOrigin(devServerUrl) : null;
  const allowedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const csp = contentSecurityPolicy({ scheme: `${APP_SCHEME}:`, devServerOrigin: devOrigin ?? undefined });
  serveAppFiles(paths.renderer, csp);
  restrictSession(session.defaultSession, { allowedOrigins, csp, devServerUrl });
  installAppMenu(platform, !app.isPackaged);

  const secrets = createKeychainSecrets(keychainServiceFor(APP_ID, dataDir, usualDataDir(dataContext)));
  const loginItem = createLoginItem(platform);
  const entryUrl = devServerUrl ?? APP_ENTRY_URL;
  // A notification's click shows the window on the screen that fixes what it tells.
  const openAt = (route: string) => {
    const url = routeUrl(entryUrl, route);
    if (!window || !url) return;
    showWindow(window);
    window.loadURL(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open the screen of a notification'));
  };
  const chooseFile = async (): Promise<string | null> => {
    const options = { properties: ['openFile' as const], filters: [{ name: 'Backup', extensions: ['zip'] }] };
    const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  };
  const updates = await startAppUpdates({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, logger });
  const host = createDesktopHost({
    platform,
    dataDir,
    loginItem,
    openPath: (folder) => shell.openPath(folder),
    notificationsSupported: Notification.isSupported(),
    notify: (notification) => showDesktopNotification(notification, openAt),
    chooseFile,
    updates,
    showSaveDialog: (defaultPath) => {
      const options = { defaultPath, filters: [{ name: 'CSV', extensions: ['csv'] }] };
      return window && !window.isDestroyed() ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
    },
    saveFolder: app.getPath('downloads'),
  });
  // Signal-style test hook, only in an unpackaged run that asks for it: the Electron suite shows a
  // notification through the shell's own path and clicks it, with no must-act state to stage.
  if (!app.isPackaged && process.env.TCY_TEST_HOOKS === '1') Object.assign(globalThis, { tcyTestHooks: { notify: host.notify } });
  const engine = createEngine({ dataDir, version: app.getVersion(), secrets, logger, host });
  const shellState = await loadShellState(shellStateFile(dataDir));
  let settings: ShellSettings = DEFAULT_SHELL_SETTINGS;
  const language = () => pickLanguage(settings.uiLanguage, app.getLocale());

  const showStatus = (status: Status) => tray?.update(status);
  // Whoever changed them (a window, the tray, the engine following the OS's login item), the engine says so.
  const adoptSettings = (next: Settings) => {
    settings = shellSettingsFrom(next);
    tray?.refresh();
  };
  const report = (what: string) => (error: unknown) => logger.warn({ err: error }, what);

  registerIpc(engine, { allowedOrigins, isOwnWindow: (contents) => window?.webContents === contents, logger });
  forwardEvents(engine, () => window?.webContents ?? null);
  engine.on('status', showStatus);
  engine.on('settings', adoptSettings);

  window = createMainWindow({
    preload: paths.preload,
    url: entryUrl,
    icon: paths.windowIcon,
    show: showWhenReady || !startedHidden(process.argv, loginItem.wasOpenedAtLogin()),
    logger,
  });
  window.on('session-end', () => {
    quitting = true;
  });
  keepRunningOnClose({
    window,
    platform,
    closeToTray: () => settings.closeToTray,
    isQuitting: () => quitting,
    language,
    state: shellState,
    stateFile: shellStateFile(dataDir),
    logger,
  });

  tray = createAppTray({
    iconDir: paths.trayIcons,
    language,
    startAtLogin: () => loginItem.isEnabled(),
    onOpen: () => window && showWindow(window),
    onSyncNow: () => engine.api.syncNow(undefined).then(showStatus, report('sync now failed')),
    onSetPaused: (paused) => engine.api.setPaused({ paused }).then(showStatus, report('pause or resume failed')),
    // The engine sets the login item through the host and announces the new settings.
    onStartAtLogin: (enabled) => {
      engine.api
        .updateSettings({ startAtLogin: enabled })
        .catch(report('could not change start at login'))
        .finally(() => tray?.refresh());
    },
    onQuit: () => app.quit(),
  });
  followPowerEvents(engine);

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    updates.stop();
    // How long to wait for the engine to flush and close; longer when an update installs at this quit.
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), updates.quitWaitMs()).unref());
    Promise.race([engine.stop().then(() => true), timeout])
      .catch((error: unknown) => {
        report('the engine did not stop cleanly')(error);
        return false;
      })
      .then((engineStopped) => updates.beforeExit({ stopped: engineStopped, busy: engine.busy() }))
      .finally(() => {
        tray?.destroy();
        logger.flush();
        app.exit(0);
      });
  });

  await engine.start().catch(report('the engine did not start'));
  // A store that failed to open has no settings: the defaults stay.
  await engine.api.getSettings(undefined).then(adoptSettings, () => undefined);
  showStatus(await engine.api.getStatus(undefined));
}
