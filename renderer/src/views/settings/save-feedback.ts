import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useMessage } from 'naive-ui';
import type { SettingsPatch } from '../../../../electron/core/contract/types.js';
import { useErrorText } from '../../errors/use-error-text.js';
import { useSettingsStore } from '../../stores/settings.js';

/** Saves a settings change and tells her how it went; `saving` names what is being saved. */
export function useSaveSettings() {
  const { t } = useI18n();
  const message = useMessage();
  const errorText = useErrorText();
  const store = useSettingsStore();
  const saving = ref<string | null>(null);

  async function save(what: string, patch: SettingsPatch): Promise<boolean> {
    saving.value = what;
    try {
      await store.save(patch);
      message.success(t('settings.saved'));
      return true;
    } catch (error) {
      message.error(errorText(error));
      return false;
    } finally {
      saving.value = null;
    }
  }

  return { save, saving };
}
