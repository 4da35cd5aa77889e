import { describe, expect, it } from 'vitest';
import type { Notice } from '../../electron/core/contract/types.js';
import { pickLanguage, shellText, statusLine } from '../../electron/main/shell-text.js';
import { TRAY_STATES, trayState } from '../../electron/main/tray-state.js';
import { healthyStatus } from '../support/healthy-status.js';

const notice = (severity: Notice['severity']): Notice => ({ code: 'pushes-waiting', severity });

describe('trayState', () => {
  it('follows the most severe notice', () => {
    expect(trayState(healthyStatus())).toBe('ok');
    expect(trayState(healthyStatus({ notices: [notice('info')] }))).toBe('ok');
    expect(trayState(healthyStatus({ notices: [notice('info'), notice('warning')] }))).toBe('warning');
    expect(trayState(healthyStatus({ notices: [notice('warning'), notice('error')] }))).toBe('error');
    expect(trayState(healthyStatus({ notices: [] }))).toBe('ok');
  });

  it('shows paused above everything else', () => {
    expect(trayState(healthyStatus({ paused: true, notices: [notice('error')] }))).toBe('paused');
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
    expect(statusLine(healthyStatus({ setupComplete: false }), 'uk')).toBe('Налаштування не завершено');
  });

  it('summarises state, subscribers and the Yespo queue', () => {
    expect(statusLine(healthyStatus(), 'en')).toBe('Working · 21 subscribers');
    expect(statusLine(healthyStatus({ counts: { ...healthyStatus().counts, subscribers: 1 } }), 'en')).toBe('Working · 1 subscriber');
    expect(statusLine(healthyStatus({ sync: { state: 'backing-off', pending: 4, failed: 0 }, notices: [notice('warning')] }), 'en')).toBe(
      'Needs attention · 21 subscribers · 4 waiting for Yespo',
    );
    expect(statusLine(healthyStatus({ paused: true }), 'uk')).toBe('Призупинено · 21 підписник');
  });

  it('uses Ukrainian plural forms', () => {
    const line = (n: number) => statusLine(healthyStatus({ counts: { ...healthyStatus().counts, subscribers: n } }), 'uk');
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
