import type { Language } from '../../../electron/core/contract/types.js';

/** Whole numbers grouped the way the UI language writes them: 1 234 in Ukrainian, 1,234 in English. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0, useGrouping: 'always' }).format(value);
}
