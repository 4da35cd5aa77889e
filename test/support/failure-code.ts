import { ApiFailure } from '../../electron/core/contract/errors.js';

/** The error code an API call was refused with, `no error` when it was not, or what else it threw. */
export async function failureCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (error) {
    return error instanceof ApiFailure ? error.code : `unexpected ${String(error)}`;
  }
}
