import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/core/contract/types.js';
import { COLLECTIONS } from '../../electron/core/store/schema.js';
import { Store } from '../../electron/core/store/store.js';
import { pollerMetaKey, type PollerMeta } from '../../electron/core/telegram/poller.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { failureCode } from '../support/failure-code.js';
import { fakeHost } from '../support/fake-host.js';
import path from 'node:path';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('the host contract', () => {
  it('without a desktop (headless) the desktop switches are refused, not saved for nothing, and no notice offers them', async () => {
    h = await startEngine();
    expect(await h.engine.api.getHostCapabilities(undefined)).toEqual({ loginItem: false, closeToTray: false, showFolder: false, notifications: false, updates: false, saveDialog: false });
    expect(await failureCode(h.engine.api.updateSettings({ startAtLogin: true }))).toBe('not_available');
    expect(await failureCode(h.engine.api.updateSettings({ closeToTray: false }))).toBe('not_available');
    expect(await failureCode(h.engine.api.showDataFolder(undefined))).toBe('not_available');
    expect((await h.engine.api.getSettings(undefined)).startAtLogin).toBe(false);

    await h.configure();
    await h.waitFor(() => h!.status(), (s) => s.bot.lastPollAt !== undefined, 'a first answered poll');
    await h.engine.stop();
    const store = await Store.open(path.join(h.dataDir, 'store'));
    await store.commit(store.tx().patch<PollerMeta>(store, COLLECTIONS.meta, pollerMetaKey(h.tg.botId), { lastPollAt: Date.now() - 22 * 3_600_000 }));
    await store.close();
    await h.engine.start();
    const [notice] = (await h.status()).notices;
    expect(notice.code).toBe('offline-warning');
    expect(notice.action).toBeUndefined();
  });

  it('on the desktop, start at login goes through the host, and the engine tells the shell about every settings change', async () => {
    const host = fakeHost();
    h = await startEngine({ host });
    const seen: Settings[] = [];
    h.engine.on('settings', (s) => seen.push(s));
    const next = await h.engine.api.updateSettings({ startAtLogin: true });
    expect(next.startAtLogin).toBe(true);
    expect(host.loginItem).toBe(true);
    await h.engine.api.updateSettings({ closeToTray: false, askPhone: true });
    expect(seen.map((s) => [s.startAtLogin, s.closeToTray, s.askPhone])).toEqual([
      [true, true, false],
      [true, false, true],
    ]);
    await h.engine.api.showDataFolder(undefined);
    expect(host.shownFolders).toEqual([h.dataDir]);
  });

  it('the login item as the OS has it wins at start (the owner may have changed it there)', async () => {
    const host = fakeHost({}, true);
    h = await startEngine({ host });
    await h.waitFor(() => h!.engine.api.getSettings(undefined), (s) => s.startAtLogin, 'the setting to follow the OS');
    host.loginItem = false;
    await h.restart();
    await h.waitFor(() => h!.engine.api.getSettings(undefined), (s) => !s.startAtLogin, 'the setting to follow the OS again');
  });
});
