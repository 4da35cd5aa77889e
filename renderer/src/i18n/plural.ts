import type { Language } from '../../../electron/core/contract/types.js';

/*
 * The plural forms a message lists, in order, per language: "1 subscriber | {count} subscribers" in
 * English, "{count} підписник | {count} підписники | {count} підписників" in Ukrainian.
 */
export const PLURAL_FORMS: Record<Language, readonly Intl.LDMLPluralRule[]> = {
  en: ['one', 'other'],
  uk: ['one', 'few', 'many'],
};

/** Which of a message's `|`-separated forms fits `count`, by the language's own plural rules. */
export function pluralIndex(language: Language, count: number, formsInMessage: number): number {
  const forms = PLURAL_FORMS[language];
  const index = forms.indexOf(new Intl.PluralRules(language).select(count));
  return Math.min(index === -1 ? forms.length - 1 : index, formsInMessage - 1);
}
