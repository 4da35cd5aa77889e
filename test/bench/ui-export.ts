/**
 * The export figure of `npm run bench`: in Chromium against the headless shell with `count` seeded
 * subscribers, from the click on "Export to CSV" to the downloaded file complete on disk.
 * Needs the built app (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { tempDir } from '../support/temp-dir.js';
import { seedStore } from './seed.js';

type RecordFigure = (name: string, value: number, unit: string, goal: string, ok: boolean) => void;

const ROOT = path.join(import.meta.dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist-electron', 'headless.js');
const RUNS = 3;
const GOAL_MS = 5_000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchUiExport(record: RecordFigure, log: (line: string) => void, count = 100_000): Promise<void> {
  if (!existsSync(BUNDLE)) throw new Error(`bench: ${BUNDLE} is missing: run \`npm run build\` first.`);
  const folder = tempDir('tcy-bench-export-');
  await seedStore(path.join(folder.dir, 'store'), { count, botId: 5_550_003, botUsername: 'bench_bot', apiRoot: 'http://127.0.0.1:9', appUuid: '00000000-0000-4000-8000-000000000003' });
  const child = spawn(process.execPath, [BUNDLE, '--port', '0', '--data-dir', folder.dir, '--telegram-api-root', 'http://127.0.0.1:9', '--yespo-api-root', 'http://127.0.0.1:9'], {
    cwd: ROOT,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: '', YESPO_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    child.stdout.setEncoding('utf8');
    let out = '';
    const link = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const line = /^UI: (\S+)\n/.exec(out);
        if (line) resolve(line[1]);
      });
      child.once('exit', (code) => reject(new Error(`bench: the headless shell exited (${code})`)));
    });
    const page = await (await browser.newContext({ acceptDownloads: true, locale: 'en-US' })).newPage();
    await page.goto(link);
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await page.getByTestId('subscriber-total').filter({ hasText: count.toLocaleString('en-US') }).waitFor({ timeout: 60_000 });
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const download = page.waitForEvent('download', { timeout: 120_000 });
      const t0 = performance.now();
      await page.getByRole('button', { name: 'Export to CSV' }).click();
      const file = await (await download).path();
      times.push(performance.now() - t0);
      if (statSync(file).size < count * 40) throw new Error('bench: the exported file is too short');
      await page.getByTestId('export-progress').waitFor({ state: 'hidden' });
    }
    log(`info export of ${count.toLocaleString('en')} subscribers: min ${Math.min(...times).toFixed(0)} ms of ${RUNS} runs`);
    const m = median(times);
    record(`export of ${count.toLocaleString('en')} subscribers (click to file complete), median`, m, 'ms', `<= ${GOAL_MS}`, m <= GOAL_MS);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    await fs.rm(folder.dir, { recursive: true, force: true });
  }
}
