import type { ExplainedError } from './error-text.js';

/** Failures that say the value itself is wrong; a service that did not answer says nothing about it. */
const REFUSALS: ReadonlySet<ExplainedError> = new Set<ExplainedError>(['token_rejected', 'api_key_rejected', 'token_format', 'app_uuid_format', 'api_key_format']);

export interface FieldHintInput {
  empty: boolean;
  /** The value found in what she pasted, or null while there is none. */
  value: string | null;
  problem: string | null;
  /** The step's last failure, cleared as soon as she edits the field. */
  failure: ExplainedError | null;
}

/**
 * The hint under a pasted field: its tone, and its locale key under the step's texts (null: no hint).
 * Once the value was refused, "looks good" would contradict the error beside it, so the hint goes quiet.
 */
export function fieldHint({ empty, value, problem, failure }: FieldHintInput): { tone: 'success' | 'warning' | null; key: string | null } {
  if (empty || (failure !== null && REFUSALS.has(failure))) return { tone: null, key: null };
  const key = problem && problem !== 'empty' ? `problem.${problem}` : value ? 'looksGood' : null;
  return { tone: value ? 'success' : 'warning', key };
}
