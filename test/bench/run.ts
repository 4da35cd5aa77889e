/**
 * `npm run bench`: the engine's speed and memory goals, measured on this machine against the local
 * fakes, which run in a process of their own (as the real services run elsewhere). Prints one line
 * per figure with its goal; `--json` prints the same figures as one JSON object.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings.js';
import { Store } from '../../electron/core/store/store.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { SubscriberIndex } from '../../electron/core/subscribers/subscriber-index.js';
import { queueReply } from '../../electron/core/telegram/replies.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { tempDir } from '../support/temp-dir.js';
import { startFakesProcess } from './fakes-process.js';
import { BURST_FROM, type HostCommand, type HostCounts, type HostInfo } from './host-protocol.js';
import { seedStore } from './seed.js';
import { benchUiTable } from './ui-table.js';
import { benchUiExport } from './ui-export.js';

const SEEDED = 100_000;
const BURST = 100_000;
const json = process.argv.includes('--json');
const log = (line: string): void => void (json || process.stdout.write(`${line}\n`));

interface Figure {
  value: number;
  unit: string;
  goal: string;
  ok: boolean;
}
const figures: Record<string, Figure> = {};
function record(name: string, value: number, unit: string, goal: string, ok: boolean): void {
  figures[name] = { value: Math.round(value * 100) / 100, unit, goal, ok };
  log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${figures[name].value} ${unit} (goal ${goal})`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const host = await startFakesProcess<HostCommand>('fake-host.ts');
const ask = <T>(command: HostCommand): Promise<T> => host.ask<T>(command);
const info = await ask<HostInfo>({ op: 'info' });
const counts = (): Promise<HostCounts> => ask<HostCounts>({ op: 'counts' });

const folder = tempDir('tcy-bench-');
const storeDir = path.join(folder.dir, 'store');
try {
  log(`Seeding ${SEEDED.toLocaleString('en')} subscribers…`);
  await seedStore(storeDir, { count: SEEDED, botId: info.botId, botUsername: info.botUsername, apiRoot: info.tgUrl, appUuid: info.appUuid });

  // ---- cold start, in a fresh process so the heap is the engine's own
  {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/cold-start.ts', folder.dir, info.tgUrl, info.yespoUrl], {
      env: { ...process.env, BOT_TOKEN: info.token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const callsBefore = (await counts()).getUpdatesCalls;
    await until(() => out, (o) => /START (\d+)/.test(o), 30_000, 'the engine process');
    const started = Number(/START (\d+)/.exec(out)![1]);
    await until(counts, (c) => c.getUpdatesCalls > callsBefore, 30_000, 'the first getUpdates');
    const firstPoll = await ask<number>({ op: 'getUpdatesAt', index: callsBefore });
    record('cold start to first getUpdates (100k stored)', firstPoll - started, 'ms', '<= 1500', firstPoll - started <= 1_500);
    child.kill('SIGUSR2');
    await until(() => out, (o) => /HEAP (\d+)/.test(o), 30_000, 'the heap figure');
    const heapMb = Number(/HEAP (\d+)/.exec(out)![1]) / 1024 / 1024;
    record('engine heap after start (100k stored)', heapMb, 'MB', '<= 250', heapMb <= 250);
    await new Promise((r) => child.once('exit', r));
  }

  await benchUiTable({ dataDir: folder.dir, info, runs: Number(process.env.BENCH_UI_RUNS ?? 5), record, log });

  // ---- one batch of 100 updates, persisted; queries over 100k+
  {
    const store = await Store.open(storeDir);
    const logger = createLogger({ level: 'silent' });
    const times: number[] = [];
    const bytes: number[] = [];
    let id = 1;
    for (let b = 0; b < 60; b++) {
      const before = store.journalBytes();
      const t0 = performance.now();
      const tx = store.tx();
      const now = Date.now();
      const ctx = { store, botId: info.botId, botUsername: info.botUsername, settings: DEFAULT_SETTINGS, linkSecret: null, now, logger, reply: (t: typeof tx, d: Parameters<typeof queueReply>[3]) => queueReply(t, info.botId, now, d) };
      for (let i = 0; i < 100; i++, id++) {
        const user = { id: 2_000_000_000 + id, is_bot: false, first_name: `Batch${id}`, language_code: 'uk' };
        const update: TgUpdate = { update_id: id, message: { chat: { id: user.id, type: 'private' }, from: user, text: '/start' } };
        applyUpdate(tx, ctx, update);
      }
      await store.commit(tx);
      times.push(performance.now() - t0);
      if (store.journalBytes() > before) bytes.push(store.journalBytes() - before);
    }
    record('persist one batch of 100 updates, median', median(times), 'ms', '<= 20', median(times) <= 20);
    const mb = Math.max(...bytes) / 1024 / 1024;
    record('bytes written for one batch of 100, max', mb, 'MB', '<= 1', mb <= 1);

    const index = new SubscriberIndex(store);
    const qt: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const page = querySubscribers(index, info.botId, { search: i % 2 ? 'family1' : 'seed9', state: 'active', sort: 'name', dir: 'asc', offset: 0, limit: 100 }, 'tg-');
      qt.push(performance.now() - t0);
      if (page.rows.length === 0) throw new Error('bench: the query found nothing');
    }
    record('subscriber query (search + filter + sort, first 100), median', median(qt), 'ms', '<= 50', median(qt) <= 50);
    const unfiltered: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      querySubscribers(index, info.botId, { sort: i % 2 ? 'name' : 'firstStartAt', dir: 'desc', limit: 100 }, 'tg-');
      unfiltered.push(performance.now() - t0);
    }
    log(`info subscriber query without search (name or date order), median ${median(unfiltered).toFixed(1)} ms`);
    const words = ['seed9', 'family12', 'instagram', '1000012', 'olena', 'seed_user_99'];
    const searched: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      querySubscribers(index, info.botId, { search: words[i % words.length], sort: 'firstStartAt', dir: 'desc', offset: 0, limit: 100 }, 'tg-');
      searched.push(performance.now() - t0);
    }
    record('search query (one word, 100k, first 100), median', median(searched), 'ms', '<= 30', median(searched) <= 30);
    await store.close();
  }

  // ---- the engine: a burst of 100k /start, then their delivery to Yespo while polling goes on
  {
    const secrets = createMemorySecrets({ botToken: info.token });
    const engine = createEngine({ dataDir: folder.dir, version: 'bench', secrets, logger: createLogger({ level: 'silent' }), overrides: { telegramApiRoot: info.tgUrl, yespoApiRoot: info.yespoUrl } });
    await engine.start();
    const total = async (): Promise<number> => (await engine.api.querySubscribers({ limit: 1 })).total;
    const base = await total();
    await ask({ op: 'burst', from: BURST_FROM, count: BURST });
    const t0 = performance.now();
    await until(counts, (c) => c.pending === 0, 180_000, 'the burst to be confirmed');
    const elapsed = (performance.now() - t0) / 1000;
    const recorded = (await total()) - base;
    if (recorded !== BURST) throw new Error(`bench: ${recorded} of ${BURST} burst subscribers recorded`);
    record('ingestion of a 100k /start burst (persisted)', BURST / elapsed, 'updates/s', '>= 5000', BURST / elapsed >= 5_000);

    const pollsBefore = (await counts()).getUpdatesCalls;
    await ask({ op: 'trickle', everyMs: 100 });
    const t1 = performance.now();
    await engine.api.setYespoApiKey({ apiKey: info.apiKey });
    const after = await until(counts, (c) => c.burstDistinct >= BURST, 180_000, 'the burst to reach Yespo');
    const seconds = (performance.now() - t1) / 1000;
    await ask({ op: 'trickle', everyMs: null });
    record('100k queued subscribers delivered to Yespo', seconds, 's', '<= 10', seconds <= 10);
    record('burst subscribers sent to Yespo twice', after.burstDelivered - after.burstDistinct, 'subscribers', '0', after.burstDelivered === after.burstDistinct);
    record('requests to Yespo for them', after.burstRequests, 'requests', '<= 1000', after.burstRequests <= 1_000);
    log(`info requests that Yespo refused: ${after.burstRefused}; that also carried other subscribers: ${after.burstMixed}; partial: ${JSON.stringify(after.burstPartial)}`);
    log(`info getUpdates calls while delivering: ${after.getUpdatesCalls - pollsBefore}`);
    await engine.stop();
  }

  await benchUiExport(record, log, SEEDED);
  await (await import('./soak.js')).soak(record, log);
} finally {
  host.disconnect();
  await fs.rm(folder.dir, { recursive: true, force: true });
}

const missed = Object.entries(figures).filter(([, f]) => !f.ok);
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else log(missed.length ? `${missed.length} goal(s) missed` : 'all goals met');
process.exit(missed.length ? 1 : 0);
