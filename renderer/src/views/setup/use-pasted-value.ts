import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';

export interface PastedValueOptions {
  /** The value found in what she pasted, or null while there is none. */
  extract: (text: string) => string | null;
  problemOf: (text: string) => string | null;
  /** Locale prefix holding `problem.<problem>` and `looksGood`, e.g. `setup.bot`. */
  texts: string;
  /** Called on every edit, so an error about the previous value does not linger. */
  edited: () => void;
  /** Whether the field is empty; a typed value not yet checked must not be silently left behind. */
  ready: (empty: boolean) => void;
}

/** A pasted secret or id as she types it: what it holds, what is wrong with it, and the hint to show. */
export function usePastedValue(options: PastedValueOptions) {
  const { t } = useI18n();
  const draft = ref('');
  const value = computed(() => options.extract(draft.value));
  const problem = computed(() => options.problemOf(draft.value));
  const empty = computed(() => draft.value.trim() === '');
  const tone = computed(() => (empty.value ? null : value.value ? 'success' : 'warning'));
  const hint = computed(() => {
    if (problem.value && problem.value !== 'empty') return t(`${options.texts}.problem.${problem.value}`);
    return value.value ? t(`${options.texts}.looksGood`) : '';
  });

  watch(draft, options.edited);
  watch(empty, options.ready, { immediate: true });

  return { draft, value, empty, tone, hint };
}
