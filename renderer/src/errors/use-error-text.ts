import { useI18n } from 'vue-i18n';
import { errorKey } from './error-key.js';

/** Turns a failed call into a sentence that says what to do; never shows the raw code. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => t(errorKey(error));
}
