import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Language } from '../../../electron/core/contract/types.js';
import { languageName } from './language-name.js';
import { formatNumber } from './number.js';
import { useNow } from './now.js';
import { exactTime, relativeTime, shortDay } from './time.js';

/** Numbers and dates in the current UI language; relative times re-render as time passes. */
export function useFormat() {
  const { locale } = useI18n();
  const now = useNow();
  const language = computed<Language>(() => (locale.value === 'uk' ? 'uk' : 'en'));
  return {
    language,
    num: (value: number) => formatNumber(value, language.value),
    ago: (at: number) => relativeTime(at, now.value, language.value),
    exact: (at: number) => exactTime(at, language.value),
    day: (day: string) => shortDay(day, language.value),
    languageName: (code: string) => languageName(code, language.value),
  };
}
