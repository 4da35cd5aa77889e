/** Which explanation the wizard shows for an engine error, by its code and the field being checked. */
import type { ApiError, ErrorCode } from '../../../../electron/core/contract/types.js';

export type SetupField = 'token' | 'appUuid' | 'apiKey';

export const EXPLAINED_ERRORS = [
  'token_format',
  'token_rejected',
  'telegram_unreachable',
  'webhook_delete_failed',
  'app_uuid_format',
  'api_key_format',
  'api_key_rejected',
  'yespo_unreachable',
  'yespo_down',
  'keychain_unavailable',
  'store_failed',
  'not_ready',
  'invalid_argument',
  'internal',
] as const satisfies ReadonlyArray<ErrorCode | 'yespo_down'>;

export type ExplainedError = (typeof EXPLAINED_ERRORS)[number];

const FORMAT_ERROR: Record<SetupField, ExplainedError> = {
  token: 'token_format',
  appUuid: 'app_uuid_format',
  apiKey: 'api_key_format',
};

/**
 * The key under `setup.errors` that explains `code`; a refused argument is the field's format problem,
 * and Yespo answering with an error of its own (`yespoDown`) is not the computer being offline.
 */
export function errorTextKey(code: ErrorCode, field?: SetupField, details?: ApiError['details']): ExplainedError {
  if (code === 'invalid_argument' && field) return FORMAT_ERROR[field];
  if (code === 'yespo_unreachable' && details?.yespoDown === true) return 'yespo_down';
  return (EXPLAINED_ERRORS as readonly string[]).includes(code) ? (code as ExplainedError) : 'internal';
}
