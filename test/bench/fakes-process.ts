import { fork } from 'node:child_process';
import path from 'node:path';

export interface FakesProcess<C> {
  /** Sends one command and resolves with the host's answer to it. */
  ask<T>(command: C): Promise<T>;
  disconnect(): void;
}

/**
 * Forks a bench host (a process that runs the fakes, so they do not share the engine's CPU) and
 * resolves once it says it is ready (its message 0); commands and answers are matched by number.
 */
export async function startFakesProcess<C>(file: string): Promise<FakesProcess<C>> {
  const host = fork(path.join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  host.on('message', (m: { id: number; result: unknown }) => waiting.get(m.id)?.(m.result));
  await new Promise((r) => waiting.set(0, r));
  return {
    ask<T>(command: C): Promise<T> {
      const id = nextId++;
      const answer = new Promise<T>((resolve) => waiting.set(id, (r) => (waiting.delete(id), resolve(r as T))));
      host.send({ id, command });
      return answer;
    },
    disconnect: () => host.disconnect(),
  };
}
