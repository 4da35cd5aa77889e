import type { Language } from '../../../electron/core/contract/types.js';

/**
 * A subscriber's Telegram language ("uk", "pt-br") named in the UI language ("Українська",
 * "Brazilian Portuguese"); a code no language has is shown as it came.
 */
export function languageName(code: string, uiLanguage: Language): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(uiLanguage, { type: 'language', fallback: 'none' }).of(code);
  } catch {
    // Not a language tag at all (Telegram passes whatever the client sent).
  }
  if (!name) return code;
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}
