import { h, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { NText, useDialog, useMessage } from 'naive-ui';
import { NO_HOST_CAPABILITIES } from '../../../electron/core/contract/host.js';
import type { ActionCode, Settings, Status } from '../../../electron/core/contract/types.js';
import { api } from '../bridge/index.js';
import CopyableText from '../components/CopyableText.vue';
import { useErrorText } from '../errors/use-error-text.js';
import { useSettingsStore } from '../stores/settings.js';
import { useStatusStore } from '../stores/status.js';
import { useHostStore } from '../stores/host.js';
import { actionPlan, doneTone, type DialogName } from './action-plans.js';

const KEYCHAIN_PLATFORMS = ['win32', 'darwin', 'linux'];

function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && 'notices' in value && 'bot' in value;
}

function isSettings(value: unknown): value is Settings {
  return typeof value === 'object' && value !== null && 'startAtLogin' in value && 'texts' in value;
}

/** Carries out a notice's action: calls the engine, opens the screen, or explains in a dialog. */
export function useNoticeAction() {
  const { t } = useI18n();
  const router = useRouter();
  const dialog = useDialog();
  const message = useMessage();
  const errorText = useErrorText();
  const statusStore = useStatusStore();
  const settingsStore = useSettingsStore();
  const hostStore = useHostStore();
  const busy = ref<ActionCode | null>(null);

  function paragraphs(...texts: Array<string | undefined>) {
    return () => h('div', { class: 'dialog-text' }, texts.filter(Boolean).map((text) => h('p', text)));
  }

  async function confirmSwitchBot(): Promise<void> {
    const webhook = await api.getSetup().then((setup) => setup.webhook, () => null);
    dialog.warning({
      title: t('status.switchBot.title'),
      content: paragraphs(t('status.switchBot.explain'), webhook ? t('status.switchBot.currentUrl', { url: webhook.url }) : undefined),
      positiveText: t('status.switchBot.confirm'),
      negativeText: t('common.cancel'),
      onPositiveClick: async () => {
        try {
          await api.switchBotToThisApp();
          message.success(t('status.switchBot.done'));
          return true;
        } catch (error) {
          message.error(errorText(error));
          return false;
        }
      },
    });
  }

  async function keychainHelp(): Promise<void> {
    const check = await api.checkKeychain().catch(() => null);
    const platform = check && KEYCHAIN_PLATFORMS.includes(check.platform) ? check.platform : 'other';
    dialog.info({
      title: t('status.keychainHelp.title'),
      content: () =>
        h('div', { class: 'dialog-text' }, [
          h('p', t(`status.keychainHelp.${platform}`)),
          h('p', t('status.keychainHelp.after')),
          check?.problem ? h(NText, { depth: 3, tag: 'p' }, () => t('status.keychainHelp.problem', { problem: check.problem })) : null,
        ]),
      positiveText: t('common.close'),
    });
  }

  function dataFolder(): void {
    const folder = statusStore.status?.store.folder ?? statusStore.status?.dataDir ?? '';
    dialog.info({
      title: t('status.dataFolder.title'),
      content: () =>
        h('div', { class: 'dialog-text' }, [h('p', t('status.dataFolder.explain')), h(CopyableText, { text: folder, label: t('status.dataFolder.title') })]),
      positiveText: t('common.close'),
    });
  }

  async function showDialog(name: DialogName): Promise<void> {
    if (name === 'switch-bot') await confirmSwitchBot();
    else if (name === 'keychain-help') await keychainHelp();
    else dataFolder();
  }

  async function run(action: ActionCode): Promise<void> {
    await hostStore.load();
    const plan = actionPlan(action, hostStore.capabilities ?? NO_HOST_CAPABILITIES);
    if (plan.kind === 'navigate') {
      await router.push(plan.to);
      return;
    }
    busy.value = action;
    try {
      if (plan.kind === 'call') {
        const result = await plan.run(api);
        // Show the engine's answer at once rather than waiting for its next push.
        if (isStatus(result)) statusStore.apply(result);
        else if (isSettings(result)) settingsStore.apply(result);
        message[doneTone(plan)](t(plan.doneKey));
      } else {
        await showDialog(plan.dialog);
      }
    } catch (error) {
      if (plan.kind === 'call' && plan.otherwise) await showDialog(plan.otherwise);
      else message.error(errorText(error));
    } finally {
      busy.value = null;
    }
  }

  return { run, busy };
}
