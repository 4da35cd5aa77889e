import { ref } from 'vue';
import type { ErrorCode } from '../../../../electron/core/contract/types.js';
import { BridgeError } from '../../bridge/index.js';
import { errorTextKey, type ExplainedError, type SetupField } from './error-text.js';

/** The explanation a step shows for its last failed call; anything that is not the engine's reads as internal. */
export function useStepFailure() {
  const failure = ref<ExplainedError | null>(null);

  /** `field` names what was being checked, so a refused argument reads as that field's format problem. */
  function fail(error: unknown, field?: SetupField): ExplainedError {
    const code: ErrorCode = error instanceof BridgeError ? error.code : 'internal';
    failure.value = errorTextKey(code, field, error instanceof BridgeError ? error.details : undefined);
    return failure.value;
  }

  function clear(): void {
    failure.value = null;
  }

  return { failure, fail, clear };
}
