import {
  apiKeyProblem,
  appUuidProblem,
  botTokenProblem,
  extractApiKey,
  extractAppUuid,
  extractBotToken,
} from '../../../../electron/core/contract/input.js';
import type { SetupField } from './error-text.js';

/** One of the values the wizard asks her to paste, and how its field looks and reads. */
export interface PastedFieldSpec {
  /** What a refusal of the value is explained as. */
  field: SetupField;
  /** The input's id; its test ids and its hint's id start with it. */
  id: string;
  /** A textarea keeps the line breaks of a pasted message, so the value is not glued to its neighbours. */
  type: 'textarea' | 'password';
  /** Most lines the textarea grows to. */
  rows?: number;
  /** Locale prefix of the step's texts, e.g. `setup.bot`. */
  texts: string;
  /** Locale keys under `texts`: the field's label and placeholder, and the button's text (also the button's test id). */
  label: string;
  placeholder: string;
  button: 'check' | 'save';
  /** The value found in what she pasted, or null while there is none. */
  extract: (text: string) => string | null;
  problemOf: (text: string) => string | null;
}

/** What PastedField shows: the field, and the value's state as she types it. */
export interface PastedFieldState {
  spec: PastedFieldSpec;
  canSubmit: boolean;
  busy: boolean;
  hint: string;
  tone: 'success' | 'warning' | null;
}

export const PASTED_FIELDS = {
  token: { field: 'token', id: 'bot-token', type: 'textarea', rows: 4, texts: 'setup.bot', label: 'tokenLabel', placeholder: 'tokenPlaceholder', button: 'check', extract: extractBotToken, problemOf: botTokenProblem },
  appUuid: { field: 'appUuid', id: 'app-uuid', type: 'textarea', rows: 3, texts: 'setup.yespoBot', label: 'uuidLabel', placeholder: 'uuidPlaceholder', button: 'save', extract: extractAppUuid, problemOf: appUuidProblem },
  apiKey: { field: 'apiKey', id: 'api-key', type: 'password', texts: 'setup.apiKey', label: 'keyLabel', placeholder: 'placeholder', button: 'check', extract: extractApiKey, problemOf: apiKeyProblem },
} as const satisfies Record<SetupField, PastedFieldSpec>;

/** The test ids of the field's input, button and hint (the hint's element id too). */
export function pastedFieldIds(spec: PastedFieldSpec): { input: string; button: string; hint: string } {
  return { input: `${spec.id}-input`, button: `${spec.id}-${spec.button}`, hint: `${spec.id}-hint` };
}
