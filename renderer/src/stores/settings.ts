import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { SetupState, Settings, SettingsPatch } from '../../../electron/core/contract/types.js';
import { api, onEvent } from '../bridge/index.js';
import { applyLanguage } from '../i18n/index.js';

/** Settings and the parts of the setup state the Settings screen shows (bot, key hints). */
export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings | null>(null);
  const setup = shallowRef<SetupState | null>(null);
  let listening = false;

  function applySettings(next: Settings): void {
    settings.value = next;
    applyLanguage(next.uiLanguage);
  }

  /** Loads both; throws the engine's failure for the screen to explain. */
  async function load(): Promise<void> {
    if (!listening) {
      listening = true;
      onEvent('setup', (next) => (setup.value = next));
      // Another window, the tray or the engine itself may change them.
      onEvent('settings', applySettings);
    }
    const [nextSettings, nextSetup] = await Promise.all([api.getSettings(), api.getSetup()]);
    applySettings(nextSettings);
    setup.value = nextSetup;
  }

  async function save(patch: SettingsPatch): Promise<Settings> {
    const next = await api.updateSettings(patch);
    applySettings(next);
    return next;
  }

  async function setAppUuid(appUuid: string): Promise<void> {
    setup.value = await api.setAppUuid({ appUuid });
  }

  async function setApiKey(apiKey: string): Promise<void> {
    await api.setYespoApiKey({ apiKey });
    setup.value = await api.getSetup();
  }

  return { settings, setup, load, save, apply: applySettings, setAppUuid, setApiKey };
});
