/**
 * The soak: a long stream of updates through the real engine (in a process of its own, against the
 * fakes in another), the heap read after a full collection every tenth of the way. `SOAK_UPDATES`
 * sets the length (1,000,000 by default). The people plateau at 150,000 (15 % of the updates for a
 * shorter soak), so after the first updates only their stories grow.
 *
 * The goal: what the engine holds after the soak is what its data needs. The heap after the last
 * update is compared with the heap of a fresh engine started on the same data folder; memory that
 * the stream left behind (a leak) shows as the difference. A running engine also holds compiled code
 * and type feedback for the paths the stream took, which a fresh one has not built yet (3–6 MB in
 * heap snapshots, whatever the length), so the allowance is 15 % of the fresh heap, at least 10 MB.
 * The heap's drift over the second half is printed too: there it grows only with the stories kept
 * (up to 200 events a person).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/temp-dir.js';
import { seedStore } from './seed.js';
import type { SoakCommand, SoakInfo, SoakProgress } from './soak-host.js';

type Record = (name: string, value: number, unit: string, goal: string, ok: boolean) => void;
type Log = (line: string) => void;

const LEAK_TOLERANCE = 0.15;
const WARM_CODE_BYTES = 10 * 1024 * 1024;
const SAMPLES = 10;

interface HeapSample {
  heap: number;
  subscribers: number;
}

function startEngine(dataDir: string, info: SoakInfo): { child: ChildProcess; ready: Promise<void> } {
  const child = fork(path.join(import.meta.dirname, 'soak-engine.ts'), [dataDir, info.tgUrl, info.yespoUrl], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, SOAK_BOT_TOKEN: info.token, SOAK_YESPO_KEY: info.apiKey },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`soak: the engine process exited (${code})`)));
  });
  return { child, ready };
}

function heapOf(child: ChildProcess): Promise<HeapSample> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as HeapSample));
    child.send('heap');
  });
}

async function stopEngine(child: ChildProcess): Promise<void> {
  // The rejection for an unexpected exit is done with once the engine is up.
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

export async function soak(record: Record, log: Log): Promise<void> {
  const total = Number(process.env.SOAK_UPDATES ?? 1_000_000);
  if (!Number.isSafeInteger(total) || total < SAMPLES) throw new Error(`soak: SOAK_UPDATES must be a whole number of at least ${SAMPLES}`);
  const people = Math.min(150_000, Math.round(total * 0.15));
  const step = Math.ceil(total / SAMPLES);

  const host = fork(path.join(import.meta.dirname, 'soak-host.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  host.on('message', (m: { id: number; result: unknown }) => waiting.get(m.id)?.(m.result));
  const ask = <T>(command: SoakCommand): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<T>((resolve) => waiting.set(id, (r) => (waiting.delete(id), resolve(r as T))));
    host.send({ id, command });
    return answer;
  };
  await new Promise((r) => waiting.set(0, r));
  const info = await ask<SoakInfo>({ op: 'info' });

  const folder = tempDir('tcy-soak-');
  try {
    await seedStore(path.join(folder.dir, 'store'), { count: 0, botId: info.botId, botUsername: info.botUsername, apiRoot: info.tgUrl, appUuid: info.appUuid });
    log(`Soak: ${total.toLocaleString('en')} updates from ${people.toLocaleString('en')} people (SOAK_UPDATES sets the number)…`);
    const engine = startEngine(folder.dir, info);
    await engine.ready;
    const samples: HeapSample[] = [];
    const t0 = performance.now();
    for (let i = 1; i <= SAMPLES; i++) {
      const upTo = Math.min(total, i * step);
      await ask({ op: 'feed', count: upTo - (i - 1) * step, people });
      for (;;) {
        const p = await ask<SoakProgress>({ op: 'progress' });
        // Pending 0 once everything fed: the engine saved it all and confirmed it by polling again.
        if (p.fed >= upTo && p.pending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const sample = await heapOf(engine.child);
      samples.push(sample);
      log(`info soak: after ${upTo.toLocaleString('en')} updates, heap ${mb(sample.heap).toFixed(1)} MB, ${sample.subscribers.toLocaleString('en')} subscribers`);
    }
    const seconds = (performance.now() - t0) / 1000;
    await stopEngine(engine.child);

    const fresh = startEngine(folder.dir, info);
    await fresh.ready;
    const restarted = await heapOf(fresh.child);
    await stopEngine(fresh.child);

    const last = samples[samples.length - 1].heap;
    const mid = samples[SAMPLES / 2 - 1].heap;
    log(`info soak: ${total.toLocaleString('en')} updates in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en')} updates/s, samples included)`);
    log(`info soak: heap drift over the second half ${(((last - mid) / mid) * 100).toFixed(1)} % (the stories kept grow with the updates, up to 200 events a person)`);
    const excess = last - restarted.heap;
    const allowed = Math.max(LEAK_TOLERANCE * restarted.heap, WARM_CODE_BYTES);
    record(
      `soak: heap after ${total.toLocaleString('en')} updates over a fresh engine's on the same data (${mb(restarted.heap).toFixed(1)} MB)`,
      mb(excess),
      'MB',
      `<= ${mb(allowed).toFixed(1)} MB: ${LEAK_TOLERANCE * 100} % of the fresh heap, at least ${mb(WARM_CODE_BYTES)} MB`,
      excess <= allowed,
    );
  } finally {
    host.disconnect();
    await fs.rm(folder.dir, { recursive: true, force: true });
  }
}
