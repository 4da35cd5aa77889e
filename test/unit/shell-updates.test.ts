import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { UpdateState } from '../../electron/core/contract/host.js';
import { createLogger } from '../../electron/core/log.js';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, RETRY_AFTER_ERROR_MS } from '../../electron/main/update-rules.js';
import { startAppUpdates, type Updater } from '../../electron/main/updates.js';
import { tempDir } from '../support/temp-dir.js';

/** electron-updater's autoUpdater as far as updates.ts uses it: events, and a check the test answers. */
class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: Updater['logger'] = null;
  checks = 0;
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    this.emit('checking-for-update');
    return Promise.resolve(null);
  }
}

function resources(appUpdateYml: string | null): string {
  const dir = tempDir('tcy-resources-');
  onTestFinished(dir.remove);
  if (appUpdateYml !== null) writeFileSync(path.join(dir.dir, 'app-update.yml'), appUpdateYml);
  return dir.dir;
}

function logger() {
  const dir = tempDir('tcy-updates-log-');
  onTestFinished(dir.remove);
  return createLogger({ dataDir: dir.dir });
}

const FEED = 'provider: generic\nurl: https://updates.example.com/tcy/\n';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the desktop updater', () => {
  it('is off, and electron-updater never loaded, in a build without app-update.yml', async () => {
    const loadUpdater = vi.fn(async () => new FakeUpdater() as unknown as Updater);
    const updates = await startAppUpdates({ isPackaged: true, resourcesPath: resources(null), logger: logger(), loadUpdater });
    expect(updates.state()).toEqual({ state: 'off' });
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('is off in a development run, even with a feed file around', async () => {
    const loadUpdater = vi.fn(async () => new FakeUpdater() as unknown as Updater);
    const updates = await startAppUpdates({ isPackaged: false, resourcesPath: resources(FEED), logger: logger(), loadUpdater });
    expect(updates.state()).toEqual({ state: 'off' });
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('checks after the first delay, then every few hours, downloading in the background and installing at the quit', async () => {
    const fake = new FakeUpdater();
    const updates = await startAppUpdates({ isPackaged: true, resourcesPath: resources(FEED), logger: logger(), now: () => 42, loadUpdater: async () => fake as unknown as Updater });
    expect(fake.autoDownload).toBe(true);
    expect(fake.autoInstallOnAppQuit).toBe(true);
    const seen: UpdateState[] = [];
    updates.onChange((state) => seen.push(state));
    expect(updates.state()).toEqual({ state: 'idle' });

    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS - 1);
    expect(fake.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.checks).toBe(1);
    fake.emit('update-not-available');
    expect(updates.state()).toEqual({ state: 'up-to-date', checkedAt: 42 });

    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(fake.checks).toBe(2);
    fake.emit('update-available', { version: '1.2.0' });
    fake.emit('download-progress', { percent: 55.5 });
    fake.emit('update-downloaded', { version: '1.2.0' });
    expect(seen.map((s) => s.state)).toEqual(['checking', 'up-to-date', 'checking', 'downloading', 'downloading', 'ready']);
    expect(updates.state()).toEqual({ state: 'ready', version: '1.2.0' });

    // Nothing more to check for until she quits.
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(fake.checks).toBe(2);
    updates.stop();
  });

  it('tries again an hour after a failed check', async () => {
    const fake = new FakeUpdater();
    const updates = await startAppUpdates({ isPackaged: true, resourcesPath: resources(FEED), logger: logger(), now: () => 7, loadUpdater: async () => fake as unknown as Updater });
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    fake.emit('error', Object.assign(new Error('getaddrinfo ENOTFOUND updates.example.com'), { code: 'ENOTFOUND' }));
    expect(updates.state()).toEqual({ state: 'error', reason: 'offline', at: 7 });
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_ERROR_MS);
    expect(fake.checks).toBe(2);
    updates.stop();
  });

  it('installs at the quit only when the engine stopped in time with no batch half done', async () => {
    const fake = new FakeUpdater();
    const updates = await startAppUpdates({ isPackaged: true, resourcesPath: resources(FEED), logger: logger(), loadUpdater: async () => fake as unknown as Updater });
    fake.emit('update-downloaded', { version: '1.2.0' });
    expect(updates.quitWaitMs()).toBeGreaterThan(5_000);
    updates.beforeExit({ stopped: false, busy: true });
    expect(fake.autoInstallOnAppQuit).toBe(false);
    updates.beforeExit({ stopped: true, busy: false });
    expect(fake.autoInstallOnAppQuit).toBe(true);
    updates.stop();
  });
});
