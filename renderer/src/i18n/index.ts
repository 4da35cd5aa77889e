import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from '../../../electron/core/contract/types.js';
import { resolveLanguage } from './language.js';
import { mergeLocaleModules, type LocaleMessages } from './merge-locales.js';
import { pluralIndex } from './plural.js';

const modules = import.meta.glob<{ default: LocaleMessages }>('../locales/*/*.ts', { eager: true });

// Remembered here too, so the first paint is already in her language before the engine answers.
const STORAGE_KEY = 'uiLanguage';

function rememberedSetting(): Language | 'system' {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'uk' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: resolveLanguage(rememberedSetting(), navigator.languages),
  fallbackLocale: 'en',
  messages: mergeLocaleModules(modules),
  pluralRules: {
    en: (count: number, forms: number) => pluralIndex('en', count, forms),
    uk: (count: number, forms: number) => pluralIndex('uk', count, forms),
  },
});

export const currentLanguage = computed<Language>(() => (i18n.global.locale.value === 'uk' ? 'uk' : 'en'));

/** Switches the UI language live; 'system' follows the OS. */
export function applyLanguage(setting: Language | 'system'): void {
  const language = resolveLanguage(setting, navigator.languages);
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
  try {
    if (setting === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, setting);
  } catch {
    // Storage can be unavailable (private mode, odd protocols); the engine's setting still applies.
  }
}
