/**
 * The signal of one HTTP request: aborted with a TimeoutError after `timeoutMs`, or with `stop`'s
 * reason when `stop` (a signal that lives as long as the service) aborts first. `done` must be
 * called when the request is over.
 *
 * Not `AbortSignal.any([AbortSignal.timeout(ms), stop])`: on Node 20 every such call leaves a
 * WeakRef in `stop`'s list of dependants that is never pruned while `stop` lives, and the timeout's
 * timer holds its signal until it fires; the soak measured about 100 bytes per request that stayed.
 */
export function requestSignal(timeoutMs: number, stop?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  timer.unref();
  const onStop = (): void => controller.abort(stop?.reason);
  if (stop?.aborted) onStop();
  else stop?.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
    },
  };
}
