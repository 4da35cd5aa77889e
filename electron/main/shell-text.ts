import type { Status } from '../core/contract/types.js';
import { trayState, type TrayState } from './tray-state.js';

export type ShellLanguage = 'en' | 'uk';

interface ShellText {
  open: string;
  syncNow: string;
  pause: string;
  resume: string;
  startAtLogin: string;
  quit: string;
  starting: string;
  setupIncomplete: string;
  states: Record<TrayState, string>;
  subscribers: (n: number) => string;
  waiting: (n: number) => string;
  stillRunningTitle: string;
  stillRunningBody: { tray: string; menuBar: string };
}

/** A count with the word in the language's plural form, by the CLDR rules (uk: 1 підписник, 2 підписники, 5 підписників). */
function counted(language: ShellLanguage, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): (n: number) => string {
  const rules = new Intl.PluralRules(language);
  return (n) => `${n} ${forms[rules.select(n)] ?? forms.other}`;
}

const TEXT: Record<ShellLanguage, ShellText> = {
  en: {
    open: 'Open Telegram Connector',
    syncNow: 'Sync now',
    pause: 'Pause syncing',
    resume: 'Resume syncing',
    startAtLogin: 'Start at login',
    quit: 'Quit',
    starting: 'Starting…',
    setupIncomplete: 'Setup not finished',
    states: { ok: 'Working', warning: 'Needs attention', error: 'Not working', paused: 'Paused' },
    subscribers: counted('en', { one: 'subscriber', other: 'subscribers' }),
    waiting: (n) => `${n} waiting for Yespo`,
    stillRunningTitle: 'Telegram Connector is still running',
    stillRunningBody: {
      tray: 'It keeps adding new subscribers to Yespo. To quit, use Quit in its tray icon menu.',
      menuBar: 'It keeps adding new subscribers to Yespo. To quit, use Quit in its menu bar icon.',
    },
  },
  uk: {
    open: 'Відкрити Telegram Connector',
    syncNow: 'Синхронізувати зараз',
    pause: 'Призупинити синхронізацію',
    resume: 'Відновити синхронізацію',
    startAtLogin: 'Запускати під час входу в систему',
    quit: 'Вийти',
    starting: 'Запуск…',
    setupIncomplete: 'Налаштування не завершено',
    states: { ok: 'Працює', warning: 'Потребує уваги', error: 'Не працює', paused: 'Призупинено' },
    subscribers: counted('uk', { one: 'підписник', few: 'підписники', many: 'підписників', other: 'підписника' }),
    waiting: (n) => `${n} в черзі до Yespo`,
    stillRunningTitle: 'Telegram Connector працює далі',
    stillRunningBody: {
      tray: 'Застосунок і далі додає нових підписників до Yespo. Щоб вийти, виберіть «Вийти» в меню його значка в треї.',
      menuBar: 'Застосунок і далі додає нових підписників до Yespo. Щоб вийти, виберіть «Вийти» в меню його значка в рядку меню.',
    },
  },
};

/** The shell follows the app's language setting; 'system' follows the OS locale. */
export function pickLanguage(uiLanguage: 'en' | 'uk' | 'system' | undefined, systemLocale: string): ShellLanguage {
  if (uiLanguage === 'en' || uiLanguage === 'uk') return uiLanguage;
  return /^uk\b/i.test(systemLocale) ? 'uk' : 'en';
}

export function shellText(language: ShellLanguage): ShellText {
  return TEXT[language];
}

/** The disabled status line in the tray menu (and the tray tooltip). */
export function statusLine(status: Status | null, language: ShellLanguage): string {
  const text = TEXT[language];
  if (!status) return text.starting;
  if (!status.setupComplete) return text.setupIncomplete;
  const parts = [text.states[trayState(status)], text.subscribers(status.counts.subscribers)];
  if (status.sync.pending > 0) parts.push(text.waiting(status.sync.pending));
  return parts.join(' · ');
}
