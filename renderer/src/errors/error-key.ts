import type { ErrorCode } from '../../../electron/core/contract/types.js';

/** Every code the engine may answer with; a Record, so the compiler flags a code added to the contract. */
export const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_argument: true,
  unknown_method: true,
  forbidden: true,
  not_found: true,
  subscriber_unsubscribed: true,
  not_ready: true,
  token_format: true,
  token_rejected: true,
  telegram_unreachable: true,
  webhook_delete_failed: true,
  app_uuid_format: true,
  api_key_format: true,
  api_key_rejected: true,
  yespo_unreachable: true,
  keychain_unavailable: true,
  store_failed: true,
  not_available: true,
  backup_invalid: true,
  wrong_passphrase: true,
  secret_found: true,
  save_failed: true,
  internal: true,
};

/**
 * The i18n key that explains a failure in plain words; anything unrecognised reads as "internal". Two
 * details tell more than the code: the app never answered the call, or Yespo answered with an error of its own.
 */
export function errorKey(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const details: unknown = typeof error === 'object' && error !== null && 'details' in error ? error.details : undefined;
  if (typeof details === 'object' && details !== null) {
    if ('unreachable' in details && details.unreachable === true) return 'common.unanswered';
    if ('yespoDown' in details && details.yespoDown === true) return 'common.yespoDown';
  }
  return `common.errors.${typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) ? code : 'internal'}`;
}
