import path from 'node:path';
import pino from 'pino';
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

/**
 * The engine's logger. Every argument passes through `redact`, so a bot token inside a URL or an
 * error message from a library never reaches a log line.
 */
export function createLogger(options: LogOptions = {}): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.stderr) streams.push({ stream: process.stderr });
  if (options.dataDir) {
    streams.push({ stream: pino.destination({ dest: path.join(options.dataDir, 'logs', 'engine.log'), mkdir: true, sync: false }) });
  }
  return pino(
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
}
