/**
 * `npm run bench`: the engine's speed and memory goals, measured against the local fakes on this
 * machine. Prints one line per figure with its goal; `--json` prints the same figures as one object.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings.js';
import { Store } from '../../electron/core/store/store.js';
import { querySubscribers } from '../../electron/core/subscribers/query.js';
import { queueReply } from '../../electron/core/telegram/replies.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { startFakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo } from '../fakes/yespo/server.js';
import { tempDir } from '../support/temp-dir.js';
import { seedStore } from './seed.js';

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

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const tg = await startFakeTelegram();
const yespo = await startFakeYespo();
const folder = tempDir('tcy-bench-');
const storeDir = path.join(folder.dir, 'store');
try {
  log(`Seeding ${SEEDED.toLocaleString('en')} subscribers…`);
  await seedStore(storeDir, { count: SEEDED, botId: tg.botId, botUsername: tg.botUsername, apiRoot: tg.url, appUuid: yespo.appUuid });

  // ---- cold start, in a fresh process so the heap is the engine's own
  {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/cold-start.ts', folder.dir, tg.url, yespo.url], {
      env: { ...process.env, BOT_TOKEN: tg.token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const callsBefore = tg.getUpdatesCalls.length;
    await until(() => /START (\d+)/.test(out), 30_000, 'the engine process');
    const started = Number(/START (\d+)/.exec(out)![1]);
    await until(() => tg.getUpdatesCalls.length > callsBefore, 30_000, 'the first getUpdates');
    record('cold start to first getUpdates (100k stored)', tg.getUpdatesCalls[callsBefore].at - started, 'ms', '<= 1500', tg.getUpdatesCalls[callsBefore].at - started <= 1_500);
    child.kill('SIGUSR2');
    await until(() => /HEAP (\d+)/.test(out), 30_000, 'the heap figure');
    const heapMb = Number(/HEAP (\d+)/.exec(out)![1]) / 1024 / 1024;
    record('engine heap after start (100k stored)', heapMb, 'MB', '<= 250', heapMb <= 250);
    await new Promise((r) => child.once('exit', r));
  }

  // ---- one batch of 100 updates, persisted
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
      const ctx = { store, botId: tg.botId, botUsername: tg.botUsername, settings: DEFAULT_SETTINGS, linkSecret: null, now, logger, reply: (t: typeof tx, d: Parameters<typeof queueReply>[3]) => queueReply(t, tg.botId, now, d) };
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

    // ---- subscriber query over 100k+
    const q = { search: 'family1', state: 'active' as const, sort: 'name' as const, dir: 'asc' as const, offset: 0, limit: 100 };
    const qt: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const page = querySubscribers(store, tg.botId, { ...q, search: i % 2 ? 'family1' : 'seed9' });
      qt.push(performance.now() - t0);
      if (page.rows.length === 0) throw new Error('bench: the query found nothing');
    }
    record('subscriber query (search + filter + sort, first 100), median', median(qt), 'ms', '<= 50', median(qt) <= 50);
    const unfiltered: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      querySubscribers(store, tg.botId, { sort: 'name', dir: 'desc', limit: 100 });
      unfiltered.push(performance.now() - t0);
    }
    log(`info subscriber query, no search, sorted by name: median ${median(unfiltered).toFixed(1)} ms`);
    await store.close();
  }

  // ---- the engine: a burst of 100k /start, then their delivery to Yespo while polling goes on
  {
    const secrets = createMemorySecrets({ botToken: tg.token });
    const engine = createEngine({ dataDir: folder.dir, version: 'bench', secrets, logger: createLogger({ level: 'silent' }), overrides: { telegramApiRoot: tg.url, yespoApiRoot: yespo.url } });
    await engine.start();
    const total = async (): Promise<number> => (await engine.api.querySubscribers({ limit: 1 })).total;
    const base = await total();
    const users = Array.from({ length: BURST }, (_, i) => tg.user(3_000_000_000 + i, { first_name: `Burst${i}`, language_code: 'en' }));
    const t0 = performance.now();
    for (const u of users) tg.start(u);
    await until(() => tg.pendingCount() === 0, 120_000, 'the burst to be confirmed');
    const elapsed = (performance.now() - t0) / 1000;
    const counts = await total();
    if (counts - base !== BURST) throw new Error(`bench: ${counts - base} of ${BURST} burst subscribers recorded`);
    record('ingestion of a 100k /start burst (persisted)', BURST / elapsed, 'updates/s', '>= 5000', BURST / elapsed >= 5_000);

    const requestsBefore = yespo.tokenRequests.length;
    const trickle = setInterval(() => tg.start(tg.user()), 100);
    const t1 = performance.now();
    await engine.api.setYespoApiKey({ apiKey: yespo.apiKey });
    const outbox = async (): Promise<number> => (await engine.api.getStats(undefined)).pending;
    let pending = await outbox();
    while (pending > 0 && performance.now() - t1 < 120_000) {
      await new Promise((r) => setTimeout(r, 50));
      pending = await outbox();
    }
    const seconds = (performance.now() - t1) / 1000;
    clearInterval(trickle);
    const requests = yespo.tokenRequests.length - requestsBefore;
    record('100k queued subscribers delivered to Yespo', seconds, 's', '<= 10', seconds <= 10 && pending === 0);
    record('requests to Yespo for them', requests, 'requests', '<= 1000', requests <= 1_000);
    const polls = tg.getUpdatesCalls.filter((c) => c.at >= Date.now() - seconds * 1000).length;
    log(`info getUpdates calls while delivering: ${polls}`);
    await engine.stop();
  }
} finally {
  await tg.close();
  await yespo.close();
  await fs.rm(folder.dir, { recursive: true, force: true });
}

const missed = Object.entries(figures).filter(([, f]) => !f.ok);
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else log(missed.length ? `${missed.length} goal(s) missed` : 'all goals met');
process.exit(missed.length ? 1 : 0);
