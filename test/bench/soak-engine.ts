/**
 * The soak's engine, alone in a process started with --expose-gc so its heap can be read after a
 * full collection. Starts the engine on the data folder, gives it the Yespo key, says `ready`; on
 * `heap` it collects garbage and answers with the heap in use; on `stop` it stops and exits.
 */
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';

const [dataDir, telegramApiRoot, yespoApiRoot] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('soak-engine: run with --expose-gc');
const secrets = createMemorySecrets({ botToken: process.env.SOAK_BOT_TOKEN! });
const engine = createEngine({ dataDir, version: 'soak', secrets, logger: createLogger({ level: 'silent' }), overrides: { telegramApiRoot, yespoApiRoot } });
await engine.start();
await engine.api.setYespoApiKey({ apiKey: process.env.SOAK_YESPO_KEY! });

process.on('message', async (command: 'heap' | 'stop') => {
  if (command === 'heap') {
    // A query and a search first, so both engines compared hold the subscriber index and the search
    // index the screens build (a search builds the rest of the search index at once).
    const subscribers = (await engine.api.querySubscribers({ limit: 1 })).total;
    await engine.api.querySubscribers({ search: 'soak', limit: 1 });
    // Twice: the first collection may leave objects whose finalizers free more.
    gc();
    gc();
    process.send!({ heap: process.memoryUsage().heapUsed, subscribers });
  } else {
    await engine.stop();
    process.exit(0);
  }
});
process.send!('ready');
