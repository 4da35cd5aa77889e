import { createEngine, type Engine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets, type MemorySecrets } from '../../electron/core/secrets/memory.js';
import type { SecretStore } from '../../electron/core/secrets/secret-store.js';
import type { Host } from '../../electron/core/contract/host.js';
import type { FileSaver } from '../../electron/core/files/save-job.js';
import type { Status } from '../../electron/core/contract/types.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { tempDir } from './temp-dir.js';

export interface EngineHarness {
  engine: Engine;
  tg: FakeTelegram;
  yespo: FakeYespo;
  /** The memory keychain, unless the test made its own store. */
  secrets: MemorySecrets;
  dataDir: string;
  waitFor<T>(probe: () => Promise<T> | T, ok: (value: T) => boolean, what: string, ms?: number): Promise<T>;
  status(): Promise<Status>;
  /** Goes through the wizard's engine calls with the fakes' real credentials. */
  configure(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The real engine against local fakes of Telegram and Yespo, in a fresh data folder. */
export async function startEngine(
  opts: {
    secrets?: (tg: FakeTelegram, yespo: FakeYespo) => SecretStore;
    appUuidFromEnvironment?: boolean;
    /** The fakes' roots go into the settings, as the owner would type them, instead of overriding them. */
    rootsInSettings?: boolean;
    /** A data folder of the test's own (a small tmpfs, say); left in place afterwards. */
    dataDir?: string;
    /** The desktop shell's side of the host contract; without it the engine runs as in the headless shell. */
    host?: Host;
    /** The engine's clock, for tests that let minutes pass without waiting them. */
    now?: () => number;
    /** Where files for the owner go (diagnostics, backups). */
    saver?: FileSaver;
    /** Called before every store write, as the engine's own hook. */
    beforeStoreWrite?: () => void;
  } = {},
): Promise<EngineHarness> {
  const tg = await startFakeTelegram({ timeScale: 0.02 });
  const yespo = await startFakeYespo();
  const folder = opts.dataDir ? { dir: opts.dataDir, remove: () => {} } : tempDir('tcy-engine-');
  const memory = createMemorySecrets();
  const secrets = opts.secrets?.(tg, yespo) ?? memory;
  const make = (): Engine =>
    createEngine({
      dataDir: folder.dir,
      version: '0.0.0-test',
      secrets,
      host: opts.host,
      saver: opts.saver,
      logger: createLogger({ dataDir: folder.dir, level: 'debug' }),
      overrides: {
        ...(opts.rootsInSettings ? {} : { telegramApiRoot: tg.url, yespoApiRoot: yespo.url }),
        appUuid: opts.appUuidFromEnvironment ? yespo.appUuid : undefined,
      },
      timeScale: 0.01,
      now: opts.now,
      beforeStoreWrite: opts.beforeStoreWrite,
      pollTimeoutSeconds: 1,
      yespoTiming: { retryScale: 0.01, activityFirstDelayMs: 50, idleCheckMs: 50, storeRetryMs: 50, timeoutMs: 2_000 },
    });
  let engine = make();
  await engine.start();
  if (opts.rootsInSettings) await engine.api.updateSettings({ telegramApiRoot: tg.url, yespoApiRoot: yespo.url });
  const h: EngineHarness = {
    get engine() {
      return engine;
    },
    tg,
    yespo,
    secrets: memory,
    dataDir: folder.dir,
    async waitFor(probe, ok, what, ms = 15_000) {
      const until = Date.now() + ms;
      let last: unknown;
      for (;;) {
        const value = await probe();
        if (ok(value)) return value;
        last = value;
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 800)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    status: () => engine.api.getStatus(undefined),
    async configure() {
      await engine.api.setBotToken({ token: `Use this token to access the HTTP API:\n${tg.token}\nKeep your token secure` });
      await engine.api.setAppUuid({ appUuid: `  ${yespo.appUuid.toUpperCase()} ` });
      await engine.api.setYespoApiKey({ apiKey: ` ${yespo.apiKey} ` });
      await engine.api.completeSetup(undefined);
    },
    async restart() {
      await engine.stop();
      engine = make();
      await engine.start();
    },
    async close() {
      await engine.stop();
      await tg.close();
      await yespo.close();
      folder.remove();
    },
  };
  return h;
}
