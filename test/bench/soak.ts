/**
 * The soak: a long stream of updates through the real engine (in a process of its own, against the
 * fakes in another), the heap read after a full collection every tenth of the way. `SOAK_UPDATES`
 * sets the length (1,000,000 by default). The same 500 people (one per 2,000 updates) come back
 * again and again, so their stories reach the cap of 200 events well before half way: from then on
 * the data the engine keeps stays the same size however many more updates flow.
 *
 * The goal: memory returns to a stable level. Over the second half (500,000 updates into data of a
 * constant size) the heap after a full collection may move by at most 10 %, or 5 MB for the
 * collector's own slack; anything the stream left behind per update (a leak) grows it. For scale,
 * the heap of a fresh engine started on the same data folder is printed too: a running engine also
 * holds compiled code and objects built field by field rather than parsed whole, so it sits above it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/temp-dir.js';
import { seedStore } from './seed.js';
import { startFakesProcess } from './fakes-process.js';
import type { HostInfo } from './host-protocol.js';
import type { SoakCommand, SoakProgress } from './soak-host.js';

type Record = (name: string, value: number, unit: string, goal: string, ok: boolean) => void;
type Log = (line: string) => void;

const DRIFT_TOLERANCE = 0.1;
const COLLECTOR_SLACK_BYTES = 5 * 1024 * 1024;
const UPDATES_PER_PERSON = 2_000;
const SAMPLES = 10;

interface HeapSample {
  heap: number;
  subscribers: number;
}

function startEngine(dataDir: string, info: HostInfo): { child: ChildProcess; ready: Promise<void> } {
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
  const people = Math.max(10, Math.round(total / UPDATES_PER_PERSON));
  const step = Math.ceil(total / SAMPLES);

  const host = await startFakesProcess<SoakCommand>('soak-host.ts');
  const ask = <T>(command: SoakCommand): Promise<T> => host.ask<T>(command);
  const info = await ask<HostInfo>({ op: 'info' });

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
    log(`info soak: a fresh engine on the same data holds ${mb(restarted.heap).toFixed(1)} MB; the running one ${mb(last).toFixed(1)} MB`);
    const drift = last - mid;
    const allowed = Math.max(DRIFT_TOLERANCE * mid, COLLECTOR_SLACK_BYTES);
    record(
      `soak: heap drift over the second half (${mb(mid).toFixed(1)} MB half way, data at its cap)`,
      mb(drift),
      'MB',
      `<= ${mb(allowed).toFixed(1)} MB: ${DRIFT_TOLERANCE * 100} % of the heap half way, at least ${mb(COLLECTOR_SLACK_BYTES)} MB`,
      Math.abs(drift) <= allowed,
    );
  } finally {
    host.disconnect();
    await fs.rm(folder.dir, { recursive: true, force: true });
  }
}
