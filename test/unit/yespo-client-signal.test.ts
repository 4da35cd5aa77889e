import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { YespoClient } from '../../electron/core/yespo/client.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('leaves nothing behind per request on the sync-long stop signal (a soak of a million updates makes hundreds of thousands)', async () => {
  const stop = new AbortController();
  const ok = async (): Promise<Response> => new Response('', { status: 200 });
  const client = new YespoClient({ apiRoot: 'https://yespo.test/api', apiKey: 'k'.repeat(32), fetch: ok as typeof fetch, signal: stop.signal });
  const calls = 20_000;
  // Warm: the code the calls compile is not what is measured.
  for (let i = 0; i < 5_000; i++) await client.unmute('app', String(i));
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < calls; i++) await client.unmute('app', String(i));
  gc();
  gc();
  const perCall = (process.memoryUsage().heapUsed - before) / calls;
  expect(perCall).toBeLessThan(20);
});

it('still cancels a call in flight when the sync stops, and still times a hung call out', async () => {
  const stop = new AbortController();
  const hang = (_url: unknown, init?: RequestInit): Promise<Response> =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
  const client = new YespoClient({ apiRoot: 'https://yespo.test/api', apiKey: 'k'.repeat(32), fetch: hang as typeof fetch, signal: stop.signal, timeoutMs: 60_000 });
  const cancelled = client.unmute('app', '1');
  stop.abort();
  await expect(cancelled).rejects.toThrow('cancelled');
  const quick = new YespoClient({ apiRoot: 'https://yespo.test/api', apiKey: 'k'.repeat(32), fetch: hang as typeof fetch, timeoutMs: 10 });
  await expect(quick.unmute('app', '1')).rejects.toThrow('did not answer within');
});

it('takes many calls in flight on one stop signal without a listener-leak warning', async () => {
  const stop = new AbortController();
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.name);
  process.on('warning', onWarning);
  const hang = (_url: unknown, init?: RequestInit): Promise<Response> =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
  const client = new YespoClient({ apiRoot: 'https://yespo.test/api', apiKey: 'k'.repeat(32), fetch: hang as typeof fetch, signal: stop.signal });
  const calls = Array.from({ length: 30 }, (_, i) => client.unmute('app', String(i)).catch(() => 'cancelled'));
  stop.abort();
  expect(await Promise.all(calls)).toEqual(Array(30).fill('cancelled'));
  // process.emitWarning reports on the next tick: one turn of the loop has seen it.
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarning);
  expect(warnings).not.toContain('MaxListenersExceededWarning');
});
