import path from 'node:path';
import pino from 'pino';
import { LogFile } from './log-file.js';
import { redact } from './redact.js';

export type Logger = pino.Logger;

export interface LogOptions {
  /** A log file in this folder (`logs/engine.log`); omitted in unit tests. */
  dataDir?: string;
  /** Also write to stderr (the headless shell, development). */
  stderr?: boolean;
  level?: pino.LevelWithSilent;
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/** The engine's log file in a data folder; rotated ones sit beside it. */
export function logFileOf(dataDir: string): string {
  return path.join(dataDir, 'logs', 'engine.log');
}

const files = new WeakMap<object, LogFile>();

/** Why the logger's file cannot be written (logs then go to stderr only), or null while it can. */
export function logFileProblem(logger: Logger): string | null {
  return files.get(logger)?.problem ?? null;
}

/** stderr that never throws: a closed pipe (a service manager gone) must not take the app down. */
const stderr = {
  write(line: string): void {
    try {
      process.stderr.write(line);
    } catch {
      // Nowhere left to tell.
    }
  },
};
let stderrGuarded = false;

/**
 * The engine's logger. Every argument passes through `redact`, so a bot token inside a URL or an
 * error message from a library never reaches a log line. A log file that cannot be written (full
 * disk, read-only folder) never stops the app: its lines go to stderr and `logFileProblem` says so.
 */
export function createLogger(options: LogOptions = {}): Logger {
  if (!stderrGuarded && (options.stderr || options.dataDir)) {
    stderrGuarded = true;
    process.stderr.on('error', () => {});
  }
  const streams: pino.StreamEntry[] = [];
  if (options.stderr) streams.push({ stream: stderr });
  const file = options.dataDir ? new LogFile(logFileOf(options.dataDir), options.stderr ? null : stderr, stderr) : null;
  if (file) streams.push({ stream: file });
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    streams.length ? pino.multistream(streams) : { write() {} },
  );
  if (file) files.set(logger, file);
  return logger;
}
