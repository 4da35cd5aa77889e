/**
 * The headless shell's wiring (logger on the data folder and stderr, secrets from the environment,
 * the HTTP API) with the waits shrunk, so a campaign can kill and restart it many times a minute.
 *   node --import tsx test/faults/engine-child.ts
 * Env: DATA_DIR, TELEGRAM_API_ROOT, YESPO_API_ROOT, TELEGRAM_BOT_TOKEN, YESPO_API_KEY, YESPO_APP_UUID,
 * LINK_SECRET, UI_TOKEN. Prints `UI: <link>` when ready, like the shell; SIGTERM stops it.
 */
import { mkdirSync } from 'node:fs';
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createEnvOverlaySecrets } from '../../electron/core/secrets/env-overlay.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer } from '../../electron/headless/server.js';
import { CHILD_TIMING } from './child-timing.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`engine-child needs ${name}`);
  return value;
};

const dataDir = env('DATA_DIR');
mkdirSync(dataDir, { recursive: true });
const logger = createLogger({ dataDir, stderr: true });
const secrets = createEnvOverlaySecrets(createMemorySecrets({ linkSecret: env('LINK_SECRET') }), process.env);
const engine = createEngine({
  dataDir,
  version: '0.0.0-faults',
  secrets,
  logger,
  overrides: { telegramApiRoot: env('TELEGRAM_API_ROOT'), yespoApiRoot: env('YESPO_API_ROOT'), appUuid: env('YESPO_APP_UUID') },
  timeScale: CHILD_TIMING.timeScale,
  pollTimeoutSeconds: CHILD_TIMING.pollTimeoutSeconds,
  yespoTiming: CHILD_TIMING.yespo,
});
await engine.start();
const server = await startHeadlessServer({ engine, uiDir: dataDir, host: '127.0.0.1', port: 0, token: env('UI_TOKEN'), logger });
process.on('SIGTERM', () => {
  void (async () => {
    await server.close();
    await engine.stop();
    process.exit(0);
  })();
});
process.stdout.write(`UI: ${server.link}\n`);
