import * as v from 'valibot';
import { ARGS, METHODS, type EngineApi, type MethodName } from './api.js';
import { ApiFailure, fail, ok } from './errors.js';
import type { Result } from './types.js';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

/**
 * The single entry of every bridge: checks the method name and validates the argument before
 * the engine sees it, and turns whatever happens into a result envelope.
 */
export async function dispatch(
  api: EngineApi,
  method: unknown,
  args: unknown,
  onInternalError: (method: string, error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail(new ApiFailure('unknown_method', `There is no method ${String(method).slice(0, 60)}.`));
  const parsed = v.safeParse(ARGS[method], args ?? undefined);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') || 'argument';
    return fail(new ApiFailure('invalid_argument', `${method}: ${where}: ${issue.message}`));
  }
  try {
    const call = api[method] as (a: unknown) => Promise<unknown>;
    return ok(await call.call(api, parsed.output));
  } catch (error) {
    if (!(error instanceof ApiFailure)) onInternalError(method, error);
    return fail(error);
  }
}
