import { spawn, type ChildProcess } from 'node:child_process';
import type { Status } from '../../electron/core/contract/types.js';

/** A running engine (the campaign's child or the real headless shell), its output kept for the secret scan. */
export interface EngineProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The `UI:` link, or null when the process exited or `ms` passed first. */
  waitForUi(ms: number): Promise<string | null>;
  /** getStatus through the HTTP API; null when it did not answer within `ms`. */
  status(ms?: number): Promise<Status | null>;
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still there after `ms`; the exit code, or null when it had to be killed. */
  stop(ms: number): Promise<number | null>;
}

export function spawnEngine(args: string[], env: Record<string, string>, uiToken: string): EngineProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let origin: string | null = null;

  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;

  return {
    child,
    output: () => `${stdout}${stderr}`,
    async waitForUi(ms) {
      const until = Date.now() + ms;
      for (;;) {
        const line = /^UI: (\S+)$/m.exec(stdout)?.[1];
        if (line) {
          origin = new URL(line).origin;
          return line;
        }
        if (gone() || Date.now() > until) return null;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async status(ms = 5_000) {
      if (!origin || gone()) return null;
      try {
        const res = await fetch(`${origin}/api/getStatus`, {
          method: 'POST',
          headers: { authorization: `Bearer ${uiToken}`, 'content-type': 'application/json' },
          body: '',
          signal: AbortSignal.timeout(ms),
        });
        const body = (await res.json()) as { ok: boolean; value?: Status };
        return body.ok ? (body.value ?? null) : null;
      } catch {
        return null;
      }
    },
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(ms) {
      if (gone()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
      return child.exitCode;
    },
  };
}

/** Polls `probe` until `ok` or `ms` pass; returns the last value and whether it got there. */
export async function waitUntil<T>(probe: () => Promise<T> | T, ok: (value: T) => boolean, ms: number): Promise<{ value: T; reached: boolean }> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return { value, reached: true };
    if (Date.now() > until) return { value, reached: false };
    await new Promise((r) => setTimeout(r, 25));
  }
}
