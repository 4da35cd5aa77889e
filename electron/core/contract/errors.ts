import type { ApiError, ErrorCode, Result } from './types.js';

/** An error meant for the UI: its code picks the translated explanation. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string | number | boolean>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) {
    return error.details ? { code: error.code, message: error.message, details: error.details } : { code: error.code, message: error.message };
  }
  return { code: 'internal', message: 'Something went wrong inside the app. It has been logged; try again.' };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: unknown): Result<never> {
  return { ok: false, error: toApiError(error) };
}
