import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../electron/core/contract/host.js';
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  RETRY_AFTER_ERROR_MS,
  mayInstallOnQuit,
  nextCheckDelay,
  nextUpdateState,
  quitWaitMs,
  updateErrorReason,
  updatesConfigured,
} from '../../electron/main/update-rules.js';

const NOW = 1_800_000_000_000;

describe('updatesConfigured', () => {
  it('is on only in a packaged app whose build wrote an app-update.yml with a provider', () => {
    expect(updatesConfigured(true, 'provider: generic\nurl: https://u.example.com/\nupdaterCacheDirName: x\n')).toBe(true);
    expect(updatesConfigured(true, 'owner: yespo\nrepo: tcy\nprovider: github\n')).toBe(true);
  });

  it('is off without the file (a build without TCY_UPDATE_URL or TCY_UPDATE_GITHUB), with an empty one, or in development', () => {
    expect(updatesConfigured(true, null)).toBe(false);
    expect(updatesConfigured(true, '')).toBe(false);
    expect(updatesConfigured(true, 'updaterCacheDirName: x\n')).toBe(false);
    expect(updatesConfigured(false, 'provider: generic\nurl: https://u.example.com/\n')).toBe(false);
  });
});

describe('nextCheckDelay', () => {
  it('checks a little after start, then every few hours, and sooner again after a failed check', () => {
    expect(nextCheckDelay({ state: 'idle' })).toBe(FIRST_CHECK_DELAY_MS);
    expect(nextCheckDelay({ state: 'up-to-date', checkedAt: NOW })).toBe(CHECK_INTERVAL_MS);
    expect(nextCheckDelay({ state: 'error', reason: 'offline', at: NOW })).toBe(RETRY_AFTER_ERROR_MS);
    expect(FIRST_CHECK_DELAY_MS).toBeLessThan(RETRY_AFTER_ERROR_MS);
    expect(RETRY_AFTER_ERROR_MS).toBeLessThan(CHECK_INTERVAL_MS);
  });

  it('does not check while one runs, while downloading, once an update waits for the quit, or when updates are off', () => {
    const none: UpdateState[] = [
      { state: 'checking' },
      { state: 'downloading', version: '1.2.0', percent: 10 },
      { state: 'ready', version: '1.2.0' },
      { state: 'off' },
      { state: 'unavailable' },
    ];
    for (const state of none) expect(nextCheckDelay(state), state.state).toBeNull();
  });
});

describe('nextUpdateState', () => {
  it('follows a check that finds and downloads an update', () => {
    let state: UpdateState = { state: 'idle' };
    state = nextUpdateState(state, { type: 'checking' }, NOW);
    expect(state).toEqual({ state: 'checking' });
    state = nextUpdateState(state, { type: 'available', version: '1.2.0' }, NOW);
    expect(state).toEqual({ state: 'downloading', version: '1.2.0', percent: 0 });
    state = nextUpdateState(state, { type: 'progress', percent: 41.7 }, NOW);
    expect(state).toEqual({ state: 'downloading', version: '1.2.0', percent: 41 });
    state = nextUpdateState(state, { type: 'downloaded', version: '1.2.0' }, NOW);
    expect(state).toEqual({ state: 'ready', version: '1.2.0' });
  });

  it('says when it last found nothing new', () => {
    expect(nextUpdateState({ state: 'checking' }, { type: 'not-available' }, NOW)).toEqual({ state: 'up-to-date', checkedAt: NOW });
  });

  it('keeps a downloaded update ready whatever comes later, since it installs at the quit', () => {
    const ready: UpdateState = { state: 'ready', version: '1.2.0' };
    expect(nextUpdateState(ready, { type: 'error', error: new Error('net::ERR_INTERNET_DISCONNECTED') }, NOW)).toEqual(ready);
    expect(nextUpdateState(ready, { type: 'checking' }, NOW)).toEqual(ready);
  });

  it('turns an error into a reason the screen can explain', () => {
    expect(nextUpdateState({ state: 'checking' }, { type: 'error', error: new Error('net::ERR_NAME_NOT_RESOLVED') }, NOW)).toEqual({ state: 'error', reason: 'offline', at: NOW });
  });

  it('keeps the percentage between 0 and 100 and ignores progress outside a download', () => {
    const downloading: UpdateState = { state: 'downloading', version: '2.0.0', percent: 5 };
    expect(nextUpdateState(downloading, { type: 'progress', percent: 140 }, NOW)).toEqual({ ...downloading, percent: 100 });
    expect(nextUpdateState(downloading, { type: 'progress', percent: Number.NaN }, NOW)).toEqual(downloading);
    expect(nextUpdateState({ state: 'checking' }, { type: 'progress', percent: 50 }, NOW)).toEqual({ state: 'checking' });
  });
});

describe('updateErrorReason', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    [new Error('net::ERR_INTERNET_DISCONNECTED'), 'offline'],
    [coded('ENOTFOUND'), 'offline'],
    [coded('ECONNREFUSED'), 'offline'],
    [coded('ETIMEDOUT'), 'offline'],
    [coded('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'), 'no-release'],
    [coded('ERR_UPDATER_LATEST_VERSION_NOT_FOUND'), 'no-release'],
    [coded('ERR_UPDATER_NO_PUBLISHED_VERSIONS'), 'no-release'],
    [coded('ERR_UPDATER_INVALID_SIGNATURE'), 'not-trusted'],
    [coded('ERR_CHECKSUM_MISMATCH'), 'not-trusted'],
    [new Error('Code signature at URL file:///x did not pass validation'), 'not-trusted'],
    [coded('ENOSPC'), 'disk'],
    [coded('EACCES'), 'disk'],
    [new Error('something else'), 'other'],
    ['a string', 'other'],
  ] as const)('%s → %s', (error, reason) => {
    expect(updateErrorReason(error)).toBe(reason);
  });
});

describe('quitting with an update', () => {
  it('waits longer for a batch to finish when an update is ready to install', () => {
    expect(quitWaitMs({ state: 'ready', version: '1.2.0' })).toBeGreaterThan(quitWaitMs({ state: 'up-to-date', checkedAt: NOW }));
    expect(quitWaitMs({ state: 'off' })).toBe(5_000);
  });

  it('installs only a ready update, and only once the engine stopped in time with no batch left half done', () => {
    const ready: UpdateState = { state: 'ready', version: '1.2.0' };
    expect(mayInstallOnQuit({ update: ready, engineStopped: true, engineBusy: false })).toBe(true);
    expect(mayInstallOnQuit({ update: ready, engineStopped: false, engineBusy: false })).toBe(false);
    expect(mayInstallOnQuit({ update: ready, engineStopped: true, engineBusy: true })).toBe(false);
    expect(mayInstallOnQuit({ update: { state: 'downloading', version: '1.2.0', percent: 99 }, engineStopped: true, engineBusy: false })).toBe(false);
  });
});
