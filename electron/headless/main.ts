/**
 * The headless shell: the engine on plain Node, its UI and API served on 127.0.0.1 (another
 * address only with --allow-remote).
 * stdout carries exactly one line, `UI: <link>`, once everything is ready; logs go to stderr
 * and to the log file in the data folder.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ID } from '../core/app-id.js';
import { createEngine, type Engine } from '../core/engine.js';
import { DownloadSaver } from '../core/files/download-saver.js';
import { createLogger } from '../core/log.js';
import { redact } from '../core/redact.js';
import { createEnvOverlaySecrets } from '../core/secrets/env-overlay.js';
import { createKeychainSecrets } from '../core/secrets/keychain.js';
import { findAppPackage } from './app-package.js';
import { ArgsError, parseArgs, USAGE, type HeadlessArgs } from './args.js';
import { createToken } from './auth.js';
import { remoteWarning } from './listen-address.js';
import { serviceFile, serviceFlags, ServiceFileError, type ServiceKind } from './service-files.js';
import { keychainServiceFor, resolveDataDir, usualDataDir } from '../core/data-dir.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';

/** Under the 5 s a service manager (or a test) allows between SIGTERM and SIGKILL. */
const FORCE_EXIT_MS = 4500;

function parseOrExit(argv: readonly string[]): HeadlessArgs {
  try {
    return parseArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

/** Prints the service file; nothing is created and the shell does not start. Returns the exit code. */
function printService(kind: ServiceKind, args: HeadlessArgs, dataDir: string): number {
  try {
    const spec = { nodePath: process.execPath, bundlePath: fileURLToPath(import.meta.url), flags: serviceFlags(args, dataDir) };
    process.stdout.write(serviceFile(kind, spec));
    return 0;
  } catch (error) {
    if (!(error instanceof ServiceFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}

async function run(argv: readonly string[]): Promise<void> {
  const args = parseOrExit(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const context = { env: process.env, platform: process.platform, home: os.homedir() };
  const dataDir = resolveDataDir({ ...context, flag: args.dataDir });
  if (args.printService) {
    // exitCode rather than exit(): stdout may be a pipe that is still writing.
    process.exitCode = printService(args.printService, args, dataDir);
    return;
  }
  const app = findAppPackage(path.dirname(fileURLToPath(import.meta.url)));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch {
    // A folder that cannot be made is reported by the store, in the UI, once it is up.
  }
  const logger = createLogger({ dataDir, stderr: true });

  // Filled in as they start, so a signal during startup stops whatever is already running.
  const running: { engine?: Engine; server?: HeadlessServer } = {};
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping');
    setTimeout(() => {
      logger.error('Could not stop in time; exiting anyway');
      process.exit(1);
    }, FORCE_EXIT_MS).unref();
    try {
      await running.server?.close();
      await running.engine?.stop();
      logger.info('Stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  const service = keychainServiceFor(APP_ID, dataDir, usualDataDir(context));
  const secrets = createEnvOverlaySecrets(createKeychainSecrets(service), process.env);
  const downloads = new DownloadSaver();
  const engine = createEngine({
    dataDir,
    saver: downloads,
    version: app.version,
    secrets,
    logger,
    overrides: {
      telegramApiRoot: args.telegramApiRoot,
      yespoApiRoot: args.yespoApiRoot,
      appUuid: process.env.YESPO_APP_UUID?.trim() || undefined,
    },
  });
  running.engine = engine;
  try {
    await engine.start();
  } catch (error) {
    logger.fatal({ err: error }, 'The engine could not start');
    throw error;
  }

  const uiDir = path.join(app.root, 'dist');
  if (!existsSync(path.join(uiDir, 'index.html'))) logger.warn({ uiDir }, 'The UI is not built: run `npm run build:web`');
  const warning = remoteWarning(args.host);
  if (warning) process.stderr.write(`${warning}\n`);
  const server = await startHeadlessServer({ engine, uiDir, host: args.host, port: args.port, token: args.token ?? createToken(), logger, dataDir, downloads });
  running.server = server;
  // A signal during startup: stop() is already closing things and exiting.
  if (stopping) return;
  logger.info({ version: app.version, dataDir, port: server.port, secrets: secrets.source }, 'Headless shell ready');
  process.stdout.write(`UI: ${server.link}\n`);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`The headless shell could not start: ${redact(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
