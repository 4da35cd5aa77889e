import { describe, expect, it } from 'vitest';
import { decideClose, type CloseContext } from '../../electron/main/close-policy.js';

const base: CloseContext = { platform: 'win32', closeToTray: true, isQuitting: false, noticeShownBefore: false };

describe('decideClose', () => {
  it('hides to the tray on Windows and macOS and tells once', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      expect(decideClose({ ...base, platform })).toEqual({ action: 'hide', showNotice: true });
      expect(decideClose({ ...base, platform, noticeShownBefore: true })).toEqual({ action: 'hide', showNotice: false });
    }
  });

  it('quits when the user turned close-to-tray off', () => {
    expect(decideClose({ ...base, closeToTray: false })).toEqual({ action: 'quit', showNotice: false });
    expect(decideClose({ ...base, platform: 'darwin', closeToTray: false })).toEqual({ action: 'quit', showNotice: false });
  });

  it('lets the window close while quitting, whatever the setting', () => {
    expect(decideClose({ ...base, isQuitting: true })).toEqual({ action: 'quit', showNotice: false });
    expect(decideClose({ ...base, platform: 'darwin', isQuitting: true, noticeShownBefore: true })).toEqual({ action: 'quit', showNotice: false });
  });

  it('quits on Linux, where a tray icon may be invisible', () => {
    expect(decideClose({ ...base, platform: 'linux' })).toEqual({ action: 'quit', showNotice: false });
    expect(decideClose({ ...base, platform: 'freebsd' })).toEqual({ action: 'quit', showNotice: false });
  });
});
