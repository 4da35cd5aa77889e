import { describe, expect, it } from 'vitest';
import type { Notice, Status } from '../../electron/core/contract/types.js';
import { pickLanguage, shellText, statusLine } from '../../electron/main/shell-text.js';
import { TRAY_STATES, trayState } from '../../electron/main/tray-state.js';

function status(patch: Partial<Status> = {}): Status {
  return {
    version: '0.1.0',
    dataDir: '/tmp/data',
    setupComplete: true,
    paused: false,
    bot: { state: 'polling', retention: 'ok' },
    sync: { state: 'idle', pending: 0, failed: 0 },
    store: { state: 'ok', folder: '/tmp/data' },
    logs: { state: 'ok' },
    keychain: 'ok',
    counts: { subscribers: 21, active: 20, blocked: 1, deleted: 0, unsubscribed: 0, inYespo: 21, newThisWeek: 3 },
    notices: [{ code: 'all-good', severity: 'ok' }],
    ...patch,
  };
}

const notice = (severity: Notice['severity']): Notice => ({ code: 'pushes-waiting', severity });

describe('trayState', () => {
  it('follows the most severe notice', () => {
    expect(trayState(status())).toBe('ok');
    expect(trayState(status({ notices: [notice('info')] }))).toBe('ok');
    expect(trayState(status({ notices: [notice('info'), notice('warning')] }))).toBe('warning');
    expect(trayState(status({ notices: [notice('warning'), notice('error')] }))).toBe('error');
    expect(trayState(status({ notices: [] }))).toBe('ok');
  });

  it('shows paused above everything else', () => {
    expect(trayState(status({ paused: true, notices: [notice('error')] }))).toBe('paused');
  });

  it('names exactly the four icon files', () => {
    expect([...TRAY_STATES]).toEqual(['ok', 'warning', 'error', 'paused']);
  });
});

describe('pickLanguage', () => {
  it('uses the app setting, else the OS locale', () => {
    expect(pickLanguage('uk', 'en-US')).toBe('uk');
    expect(pickLanguage('en', 'uk-UA')).toBe('en');
    expect(pickLanguage('system', 'uk-UA')).toBe('uk');
    expect(pickLanguage('system', 'uk')).toBe('uk');
    expect(pickLanguage(undefined, 'de-DE')).toBe('en');
    expect(pickLanguage('system', 'ukr')).toBe('en');
  });
});

describe('statusLine', () => {
  it('says when the engine has not reported yet or setup is unfinished', () => {
    expect(statusLine(null, 'en')).toBe('Starting…');
    expect(statusLine(status({ setupComplete: false }), 'uk')).toBe('Налаштування не завершено');
  });

  it('summarises state, subscribers and the Yespo queue', () => {
    expect(statusLine(status(), 'en')).toBe('Working · 21 subscribers');
    expect(statusLine(status({ counts: { ...status().counts, subscribers: 1 } }), 'en')).toBe('Working · 1 subscriber');
    expect(statusLine(status({ sync: { state: 'backing-off', pending: 4, failed: 0 }, notices: [notice('warning')] }), 'en')).toBe(
      'Needs attention · 21 subscribers · 4 waiting for Yespo',
    );
    expect(statusLine(status({ paused: true }), 'uk')).toBe('Призупинено · 21 підписник');
  });

  it('uses Ukrainian plural forms', () => {
    const line = (n: number) => statusLine(status({ counts: { ...status().counts, subscribers: n } }), 'uk');
    expect(line(1)).toBe('Працює · 1 підписник');
    expect(line(3)).toBe('Працює · 3 підписники');
    expect(line(5)).toBe('Працює · 5 підписників');
    expect(line(11)).toBe('Працює · 11 підписників');
    expect(line(12)).toBe('Працює · 12 підписників');
    expect(line(22)).toBe('Працює · 22 підписники');
    expect(line(111)).toBe('Працює · 111 підписників');
    expect(line(0)).toBe('Працює · 0 підписників');
    expect(line(21)).toBe('Працює · 21 підписник');
    expect(line(104)).toBe('Працює · 104 підписники');
  });
});

describe('shellText', () => {
  it('has every menu label in both languages', () => {
    for (const language of ['en', 'uk'] as const) {
      const text = shellText(language);
      for (const label of [text.open, text.syncNow, text.pause, text.resume, text.startAtLogin, text.quit, text.stillRunningTitle]) {
        expect(label.trim().length).toBeGreaterThan(1);
      }
    }
    expect(shellText('uk').quit).not.toBe(shellText('en').quit);
  });
});
