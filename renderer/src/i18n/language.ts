import type { Language } from '../../../electron/core/contract/types.js';

/** The UI language for a setting: 'system' follows the first OS language the app speaks. */
export function resolveLanguage(setting: Language | 'system', systemLanguages: readonly string[]): Language {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'uk' || base === 'en') return base;
  }
  return 'en';
}
