import { describe, expect, it } from 'vitest';
import { switchLabelId, switchPatch, type SwitchSetting } from '../../renderer/src/views/settings/setting-switch.js';

describe("Settings' on/off switches", () => {
  it('label each switch by the element id the sections have always given it', () => {
    const settings: SwitchSetting[] = ['startAtLogin', 'closeToTray', 'askPhone', 'askEmail'];
    expect(settings.map(switchLabelId)).toEqual(['start-at-login-label', 'close-to-tray-label', 'ask-phone-label', 'ask-email-label']);
  });

  it('save a flip as a patch of that one setting', () => {
    expect([switchPatch('startAtLogin', true), switchPatch('askEmail', false)]).toEqual([{ startAtLogin: true }, { askEmail: false }]);
  });
});
