/**
 * Child process of the benchmark: starts the engine on a seeded data folder and reports when it
 * started; on SIGUSR2 (the parent saw the first getUpdates) it reports the live heap and exits.
 */
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';

const [dataDir, telegramApiRoot, yespoApiRoot] = process.argv.slice(2);
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`HEAP ${process.memoryUsage().heapUsed}\n`);
  process.exit(0);
});
const secrets = createMemorySecrets({ botToken: process.env.BOT_TOKEN! });
process.stdout.write(`START ${Date.now()}\n`);
const engine = createEngine({ dataDir, version: 'bench', secrets, logger: createLogger({ level: 'silent' }), overrides: { telegramApiRoot, yespoApiRoot } });
await engine.start();
