import type { ApiError, ErrorCode } from '../../../electron/core/contract/types.js';

/** A failed call, as every screen sees it: the engine's code picks the translated explanation. */
export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly details?: ApiError['details'];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    if (error.details) this.details = error.details;
  }
}
