import { spawn, type ChildProcess } from 'node:child_process';

export interface ScriptChild {
  child: ChildProcess;
  /** Resolves once the child printed `line`; fails when it exits first or the time runs out, with what it printed. */
  waitFor: (line: string) => Promise<void>;
}

export interface ScriptOptions {
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** How long `waitFor` waits for a line. */
  ms: number;
  /** The test file's cleanups, which then SIGKILL the child after the test. */
  cleanups: Array<() => unknown>;
}

/** Runs a TypeScript file in a child Node, for tests that kill a process at a chosen moment. */
export function runScript(script: string, options: ScriptOptions): ScriptChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  options.cleanups.push(() => child.kill('SIGKILL'));
  return {
    child,
    waitFor: async (line) => {
      const until = Date.now() + options.ms;
      while (!out.includes(line)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`child never printed ${line}: ${out} ${err}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** SIGKILLs the child and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}
