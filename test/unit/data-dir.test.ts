import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainServiceFor, resolveDataDir, usualDataDir } from '../../electron/core/data-dir.js';

describe('headless data folder', () => {
  it('uses --data-dir first, then APP_USER_DATA', () => {
    const env = { APP_USER_DATA: '/srv/from-env' };
    expect(resolveDataDir({ flag: 'rel/dir', env, platform: 'linux', home: '/home/a' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir({ env, platform: 'linux', home: '/home/a' })).toBe('/srv/from-env');
  });

  it('picks each OS’s per-user application data folder', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.config/telegram-connector-yespo');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/x/cfg' }, platform: 'linux', home: '/home/a' })).toBe('/x/cfg/telegram-connector-yespo');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/telegram-connector-yespo');
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\a' })).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\telegram-connector-yespo',
    );
    expect(resolveDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\a' })).toBe('C:\\Users\\a\\AppData\\Roaming\\telegram-connector-yespo');
  });

  it('keeps the app id as keychain service for the usual folder and a separate one for any other', () => {
    expect(keychainServiceFor('io.example.app', '/home/a/.config/x', '/home/a/.config/x')).toBe('io.example.app');
    const other = keychainServiceFor('io.example.app', '/tmp/one', '/home/a/.config/x');
    expect(other).toMatch(/^io\.example\.app\.[0-9a-f]{16}$/);
    expect(keychainServiceFor('io.example.app', '/tmp/two', '/home/a/.config/x')).not.toBe(other);
    expect(keychainServiceFor('io.example.app', '/tmp/one/', '/home/a/.config/x')).toBe(other);
  });
});

describe('usualDataDir', () => {
  it('ignores APP_USER_DATA, so an isolated folder never shares the usual keychain entries', () => {
    const context = { env: { APP_USER_DATA: '/tmp/isolated', XDG_CONFIG_HOME: '/home/o/.cfg' }, platform: 'linux' as const, home: '/home/o' };
    expect(usualDataDir(context)).toBe('/home/o/.cfg/telegram-connector-yespo');
    expect(keychainServiceFor('app.id', resolveDataDir(context), usualDataDir(context))).toMatch(/^app\.id\.[0-9a-f]{16}$/);
  });
});
