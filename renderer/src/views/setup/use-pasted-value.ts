import { computed, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ExplainedError } from './error-text.js';
import { fieldHint } from './field-hint.js';

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
  /** The step's last failure: a refused value loses its "looks good". */
  failure: Readonly<Ref<ExplainedError | null>>;
}

/** A pasted secret or id as she types it: what it holds, what is wrong with it, and the hint to show. */
export function usePastedValue(options: PastedValueOptions) {
  const { t } = useI18n();
  const draft = ref('');
  const value = computed(() => options.extract(draft.value));
  const problem = computed(() => options.problemOf(draft.value));
  const empty = computed(() => draft.value.trim() === '');
  const shown = computed(() => fieldHint({ empty: empty.value, value: value.value, problem: problem.value, failure: options.failure.value }));
  const tone = computed(() => shown.value.tone);
  const hint = computed(() => (shown.value.key ? t(`${options.texts}.${shown.value.key}`) : ''));

  watch(draft, options.edited);
  watch(empty, options.ready, { immediate: true });

  return { draft, value, empty, tone, hint };
}
