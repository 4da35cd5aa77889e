import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ID } from '../../electron/core/app-id.js';
import { HIDDEN_ARG, loginCommand, startedHidden } from '../../electron/main/launch-args.js';
import {
  autostartFile,
  desktopEntry,
  isAutostartEnabled,
  quoteExecArg,
  setAutostart,
  xdgConfigHome,
} from '../../electron/main/linux-autostart.js';

describe('xdgConfigHome', () => {
  it('uses an absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '/custom/config' }, '/home/a')).toBe('/custom/config');
    expect(xdgConfigHome({ XDG_CONFIG_HOME: 'relative/config' }, '/home/a')).toBe('/home/a/.config');
    expect(xdgConfigHome({}, '/home/a')).toBe('/home/a/.config');
  });

  it('puts the entry in autostart/, named by the app id', () => {
    expect(autostartFile('/home/a/.config', APP_ID)).toBe(`/home/a/.config/autostart/${APP_ID}.desktop`);
  });
});

describe('quoteExecArg', () => {
  it('leaves plain arguments alone', () => {
    expect(quoteExecArg('/opt/App/app')).toBe('/opt/App/app');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
  });

  it('quotes reserved characters and escapes per the Desktop Entry spec', () => {
    expect(quoteExecArg('/home/a/My Apps/Connector.AppImage')).toBe('"/home/a/My Apps/Connector.AppImage"');
    expect(quoteExecArg('/tmp/a"b')).toBe('"/tmp/a\\\\"b"');
    expect(quoteExecArg('/tmp/$HOME')).toBe('"/tmp/\\\\$HOME"');
    expect(quoteExecArg('/tmp/back\\slash')).toBe('"/tmp/back\\\\\\\\slash"');
    expect(quoteExecArg('/tmp/100%')).toBe('/tmp/100%%');
    expect(quoteExecArg('')).toBe('""');
  });
});

describe('desktopEntry', () => {
  it('builds an autostart entry that runs the command', () => {
    const content = desktopEntry({
      name: 'Telegram Connector for Yespo',
      comment: 'Adds subscribers\nto Yespo',
      command: ['/home/a/Apps/Telegram Connector.AppImage', HIDDEN_ARG],
    });
    const lines = content.split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines).toContain('Type=Application');
    expect(lines).toContain('Name=Telegram Connector for Yespo');
    expect(lines).toContain('Comment=Adds subscribers to Yespo');
    expect(lines).toContain('Exec="/home/a/Apps/Telegram Connector.AppImage" --hidden');
    expect(lines).toContain('X-GNOME-Autostart-enabled=true');
    expect(lines).toContain('Terminal=false');
    expect(content.endsWith('\n')).toBe(true);
  });
});

describe('setAutostart', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the entry, creating autostart/, and removes it again', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'autostart-'));
    const file = autostartFile(dir, APP_ID);
    expect(isAutostartEnabled(file)).toBe(false);
    await setAutostart(file, 'content\n');
    expect(isAutostartEnabled(file)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('content\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    await setAutostart(file, null);
    expect(isAutostartEnabled(file)).toBe(false);
    await setAutostart(file, null);
  });
});

describe('loginCommand', () => {
  it('starts a packaged app hidden, preferring the AppImage file over its mount', () => {
    expect(loginCommand({ execPath: '/tmp/.mount_x/app', appImage: '/home/a/App.AppImage', isPackaged: true, appPath: '/x' })).toEqual([
      '/home/a/App.AppImage',
      HIDDEN_ARG,
    ]);
    expect(loginCommand({ execPath: 'C:\\App\\app.exe', isPackaged: true, appPath: 'C:\\App\\resources\\app.asar' })).toEqual([
      'C:\\App\\app.exe',
      HIDDEN_ARG,
    ]);
  });

  it('passes the app folder to an unpackaged Electron', () => {
    expect(loginCommand({ execPath: '/repo/node_modules/electron/dist/electron', isPackaged: false, appPath: '/repo' })).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
      HIDDEN_ARG,
    ]);
  });
});

describe('startedHidden', () => {
  it('is true for a login launch only', () => {
    expect(startedHidden(['/app', HIDDEN_ARG], false)).toBe(true);
    expect(startedHidden(['/app'], true)).toBe(true);
    expect(startedHidden(['/app'], false)).toBe(false);
  });
});
