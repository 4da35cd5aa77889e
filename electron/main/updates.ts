/**
 * The app's own updates, with electron-updater: only in a packaged build whose feed was set at build
 * time (electron-builder then ships app-update.yml). Checks a little after start and every few
 * hours, downloads in the background, and installs when the app quits, unless the engine could not
 * finish its batch in time. Without a feed, electron-updater is never even loaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UpdateFeed, UpdateState } from '../core/contract/host.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/redact.js';
import { mayInstallOnQuit, nextCheckDelay, nextUpdateState, quitWaitMs, updatesConfigured, type UpdaterEvent } from './update-rules.js';

/** The part of electron-updater's AppUpdater this module drives. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

export interface AppUpdates extends UpdateFeed {
  /** How long quitting may wait for the engine to finish its batch and stop. */
  quitWaitMs(): number;
  /** Called once the engine stopped (or ran out of time), just before the app exits. */
  beforeExit(engine: { stopped: boolean; busy: boolean }): void;
  stop(): void;
}

export interface AppUpdatesOptions {
  isPackaged: boolean;
  resourcesPath: string;
  logger: Logger;
  now?: () => number;
  /** electron-updater's autoUpdater; tests pass a fake. */
  loadUpdater?: () => Promise<Updater>;
}

async function electronUpdater(): Promise<Updater> {
  const { default: module } = await import('electron-updater');
  return module.autoUpdater as unknown as Updater;
}

function readAppUpdateConfig(resourcesPath: string): string | null {
  try {
    return readFileSync(path.join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

function offFeed(): AppUpdates {
  const off: UpdateState = { state: 'off' };
  return { state: () => off, onChange: () => () => undefined, quitWaitMs: () => quitWaitMs(off), beforeExit: () => undefined, stop: () => undefined };
}

export async function startAppUpdates(options: AppUpdatesOptions): Promise<AppUpdates> {
  if (!updatesConfigured(options.isPackaged, readAppUpdateConfig(options.resourcesPath))) return offFeed();
  const { logger } = options;
  const now = options.now ?? Date.now;
  const updater = await (options.loadUpdater ?? electronUpdater)();
  let state: UpdateState = { state: 'idle' };
  let timer: NodeJS.Timeout | null = null;
  const listeners = new Set<(state: UpdateState) => void>();

  const check = () => {
    timer = null;
    // Failures also arrive as the `error` event, which moves the state.
    updater.checkForUpdates().catch((error: unknown) => logger.warn({ err: error }, 'the update check failed'));
  };
  const plan = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const delay = nextCheckDelay(state);
    if (delay !== null) timer = setTimeout(check, delay).unref();
  };
  const apply = (event: UpdaterEvent) => {
    const next = nextUpdateState(state, event, now());
    if (next === state) return;
    state = next;
    plan();
    for (const listener of listeners) listener(state);
  };

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  const say = (level: 'info' | 'warn' | 'error') => (message?: unknown) => logger[level](`updater: ${redact(String(message))}`);
  updater.logger = { info: say('info'), warn: say('warn'), error: say('error') };
  updater.on('checking-for-update', () => apply({ type: 'checking' }));
  updater.on('update-available', (info) => apply({ type: 'available', version: info.version }));
  updater.on('update-not-available', () => apply({ type: 'not-available' }));
  updater.on('download-progress', (progress) => apply({ type: 'progress', percent: progress.percent }));
  updater.on('update-downloaded', (info) => apply({ type: 'downloaded', version: info.version }));
  updater.on('error', (error) => {
    logger.warn({ err: error }, 'updating failed');
    apply({ type: 'error', error });
  });
  plan();

  return {
    state: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    quitWaitMs: () => quitWaitMs(state),
    beforeExit(engine) {
      const install = mayInstallOnQuit({ update: state, engineStopped: engine.stopped, engineBusy: engine.busy });
      if (state.state === 'ready' && !install) logger.warn('the engine was still in a batch: the update installs at the next quit');
      updater.autoInstallOnAppQuit = install;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
