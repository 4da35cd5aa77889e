import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** What of `key` is in `text`: as is, or inside any base64 run (a Basic credential), at any alignment. */
function keyFormsIn(text: string, key: string): string[] {
  const found: string[] = [];
  if (text.includes(key)) found.push('the key');
  if (/basic\s+(?!<redacted>)[A-Za-z0-9+/]{8,}/i.test(text)) found.push('a Basic credential');
  for (const run of text.match(/[A-Za-z0-9+/]{12,}={0,2}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      if (Buffer.from(run.slice(shift), 'base64').toString('latin1').includes(key)) found.push(`base64 "${run.slice(0, 12)}…"`);
    }
  }
  return found;
}

describe('engine: redaction of what Yespo echoes back', () => {
  it('stores nothing of the API key when an error body echoes the Authorization header, and keeps error texts short', async () => {
    h = await startEngine();
    await h.configure();
    const { engine, tg, yespo } = h;
    const key = yespo.apiKey;

    yespo.failNext(1, { status: 400, message: 'Bad request', echoAuthorization: true }, /\/tokens$/);
    tg.start(tg.user());
    const rejected = await h.waitFor(() => engine.api.listFailures(undefined), (g) => g.some((x) => x.cause === 'yespo-rejected'), 'the refused subscriber');
    const refusal = rejected.find((g) => g.cause === 'yespo-rejected')!.items[0].detail ?? '';
    expect(refusal).toContain('Bad request');
    expect(keyFormsIn(refusal, key)).toEqual([]);

    yespo.failNext(1_000, { status: 500, message: `Internal error ${'x'.repeat(10_000)}`, echoAuthorization: true }, /\/tokens$/);
    tg.start(tg.user());
    const waiting = await h.waitFor(() => engine.api.listFailures(undefined), (g) => g.some((x) => x.cause === 'waiting-retry' && !!x.items[0].detail), 'the subscriber waiting for a retry');
    const retryText = waiting.find((g) => g.cause === 'waiting-retry')!.items[0].detail ?? '';
    expect(retryText).toContain('Internal error');
    expect(retryText.length).toBeLessThanOrEqual(300);
    const status = await h.status();
    expect(status.sync.detail?.length ?? 0).toBeLessThanOrEqual(300);

    await engine.stop();
    const files = filesUnder(h.dataDir);
    expect(files.some((f) => f.endsWith('engine.log'))).toBe(true);
    for (const file of files) {
      expect(keyFormsIn(readFileSync(file, 'utf8'), key), file).toEqual([]);
    }
    await engine.start();
  });
});
