import { computed, ref } from 'vue';
import type { PastedFieldSpec, PastedFieldState } from './pasted-fields.js';
import { usePastedValue } from './use-pasted-value.js';
import { useStepFailure } from './use-step-failure.js';

export interface PastedStepHooks {
  /** Hands the checked value to the engine and tells the wizard what changed; a throw is shown as the step's failure. */
  save: (value: string) => Promise<void>;
  /** Whether the field is empty; a typed value not yet checked must not be silently left behind. */
  ready: (empty: boolean) => void;
  /** Enter on an empty field moves on. */
  next: () => void;
  /** The keychain refused the secret: the wizard shows its help. */
  keychain?: () => void;
}

/**
 * A wizard step built around one pasted value: the value as she types it, one check or save at a time,
 * the field emptied once the engine has it, and the step's failure.
 */
export function usePastedStep(spec: PastedFieldSpec, hooks: PastedStepHooks) {
  const { failure, fail, clear } = useStepFailure();
  const busy = ref(false);
  const { draft, value, empty, tone, hint } = usePastedValue({ ...spec, edited: clear, ready: hooks.ready, failure });

  async function save(): Promise<void> {
    if (!value.value || busy.value) return;
    busy.value = true;
    clear();
    try {
      await hooks.save(value.value);
      // The engine keeps it now (a secret in the keychain); the field need not keep a copy.
      draft.value = '';
    } catch (error) {
      if (fail(error, spec.field) === 'keychain_unavailable') hooks.keychain?.();
    } finally {
      busy.value = false;
    }
  }

  function submit(): void {
    if (value.value) void save();
    else if (empty.value) hooks.next();
  }

  const field = computed<PastedFieldState>(() => ({ spec, canSubmit: !!value.value, busy: busy.value, hint: hint.value, tone: tone.value }));

  return { draft, field, submit, failure, fail, clear };
}
