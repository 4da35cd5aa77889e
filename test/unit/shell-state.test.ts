import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shellPaths } from '../../electron/main/paths.js';
import { DEFAULT_SHELL_SETTINGS, shellSettingsFrom } from '../../electron/main/shell-settings.js';
import { loadShellState, saveShellState, shellStateFile } from '../../electron/main/shell-state.js';

describe('shell state', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shell-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty and remembers the tray notice', async () => {
    const file = shellStateFile(dir);
    expect(await loadShellState(file)).toEqual({ closeNoticeShown: false });
    await saveShellState(file, { closeNoticeShown: true });
    expect(await loadShellState(file)).toEqual({ closeNoticeShown: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ closeNoticeShown: true });
  });

  it('treats a damaged file as empty', async () => {
    const file = shellStateFile(dir);
    await writeFile(file, '{not json');
    expect(await loadShellState(file)).toEqual({ closeNoticeShown: false });
    await writeFile(file, JSON.stringify({ closeNoticeShown: 'yes' }));
    expect(await loadShellState(file)).toEqual({ closeNoticeShown: false });
  });
});

describe('shell settings', () => {
  it('keep syncing in the tray until told otherwise', () => {
    expect(DEFAULT_SHELL_SETTINGS).toEqual({ uiLanguage: 'system', closeToTray: true });
  });

  it('take only what the shell acts on', () => {
    const picked = shellSettingsFrom({
      uiLanguage: 'uk',
      closeToTray: false,
      startAtLogin: true,
      askPhone: true,
      askEmail: false,
      identityWaitMinutes: 10,
      texts: {} as never,
      externalIdPrefix: 'tg-',
      batchSize: 100,
      activityPollMinutes: 60,
      telegramApiRoot: 'https://api.telegram.org',
      yespoApiRoot: 'https://yespo.io/api',
      subscriptionEvents: false,
    });
    expect(picked).toEqual({ uiLanguage: 'uk', closeToTray: false });
  });
});

describe('shellPaths', () => {
  it('finds the preload next to main.js and the renderer in dist/', () => {
    const paths = shellPaths('/repo/dist-electron', false, '/unused');
    expect(paths.preload).toBe('/repo/dist-electron/preload.cjs');
    expect(paths.renderer).toBe('/repo/dist');
    expect(paths.trayIcons).toBe('/repo/build/tray');
    expect(paths.windowIcon).toBe('/repo/build/icons/512x512.png');
  });

  it('takes icons from the resources folder when packaged', () => {
    const paths = shellPaths('/opt/App/resources/app.asar/dist-electron', true, '/opt/App/resources');
    expect(paths.renderer).toBe('/opt/App/resources/app.asar/dist');
    expect(paths.trayIcons).toBe('/opt/App/resources/tray');
    expect(paths.windowIcon).toBe('/opt/App/resources/icons/512x512.png');
  });
});
