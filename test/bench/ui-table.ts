/**
 * The Subscribers table's speed in Chromium against the real headless shell over the bench's
 * seeded data: navigation to the first painted rows, one search keystroke to its rows, and the
 * frame times of a fast wheel scroll. Each figure is taken over several runs, each on a fresh page.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { HostInfo } from './host-protocol.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist-electron', 'headless.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WHEEL_STEPS = 40;

export interface UiTableBench {
  dataDir: string;
  info: HostInfo;
  runs: number;
  record(name: string, value: number, unit: string, goal: string, ok: boolean): void;
  log(line: string): void;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Starts the headless shell on the seeded folder, with the bench host's fakes; resolves with its UI link. */
async function startShell(dataDir: string, info: HostInfo): Promise<{ link: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [BUNDLE, '--port', '0', '--data-dir', dataDir, '--telegram-api-root', info.tgUrl, '--yespo-api-root', info.yespoUrl],
    { cwd: ROOT, env: { ...process.env, TELEGRAM_BOT_TOKEN: info.token, YESPO_API_KEY: info.apiKey, YESPO_APP_UUID: info.appUuid }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const link = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = /^UI: (\S+)\n/m.exec(out);
      if (line) resolve(line[1]);
    });
    void exited.then(() => reject(new Error('bench: the headless shell exited before printing its UI line')));
  });
  return {
    link,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What ui-table-page.js puts in the page. */
interface PageTimers {
  rowsMatch(text: string, every: boolean): boolean;
  unfiltered(): boolean;
}
async function searchKeystroke(page: Page, prefix: string, last: string): Promise<number> {
  const box = page.getByRole('searchbox');
  await box.fill('');
  await box.pressSequentially(prefix);
  // A function, not a string: the app's content security policy forbids eval.
  await page.waitForFunction((text) => (globalThis as unknown as { benchTable: PageTimers }).benchTable.rowsMatch(text, false), prefix.toLowerCase());
  await page.evaluate(`benchTable.armSearch(${JSON.stringify((prefix + last).toLowerCase())})`);
  await box.press(last);
  return page.evaluate<number>('benchTable.searchTook');
}

/** The frame times while the table is scrolled by 600 px wheel steps, one every 16 ms. */
async function wheelFrames(page: Page): Promise<number[]> {
  const box = (await page.locator('[role="grid"] .body').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate('benchTable.startFrames()');
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
  return page.evaluate<number[]>('benchTable.stopFrames()');
}

export async function benchUiTable({ dataDir, info, runs, record, log }: UiTableBench): Promise<void> {
  if (!existsSync(BUNDLE) || !existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    log('Building the app for the UI figures…');
    const built = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('bench: `npx vite build` failed');
  }
  const shell = await startShell(dataDir, info);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript({ path: path.join(import.meta.dirname, 'ui-table-page.js') });
    const first = await context.newPage();
    await first.goto(shell.link);
    const home = new URL(shell.link).origin;
    await first.close();

    const navigation: number[] = [];
    const search: number[] = [];
    const scroll: number[] = [];
    let longest = 0;
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      await page.goto(`${home}/#/`);
      await page.getByTestId('status-sentence').waitFor();
      navigation.push(await page.evaluate<number>('benchTable.navigationToRows()'));
      await page.getByTestId('subscriber-grid').locator('[data-row].loaded').first().waitFor();
      const seed = 1_000 + run * 1_111;
      search.push(await searchKeystroke(page, `Seed${String(seed).slice(0, -1)}`, String(seed).slice(-1)));
      await page.getByRole('searchbox').fill('');
      await page.waitForFunction(() => (globalThis as unknown as { benchTable: PageTimers }).benchTable.unfiltered());
      const frames = await wheelFrames(page);
      scroll.push(percentile(frames, 95));
      longest = Math.max(longest, ...frames);
      await page.close();
    }
    const figure = (name: string, values: number[], goal: number): void => {
      record(`${name}, min`, Math.min(...values), 'ms', `<= ${goal}`, Math.min(...values) <= goal);
      record(`${name}, median`, median(values), 'ms', `<= ${goal}`, median(values) <= goal);
    };
    figure('Subscribers view: navigation to first rows painted', navigation, 400);
    figure('Subscribers search: one keystroke to rows updated', search, 150);
    figure('Subscribers fast scroll (600 px wheel steps): p95 frame', scroll, 50);
    log(`info longest frame while scrolling: ${longest.toFixed(1)} ms`);
  } finally {
    await browser.close();
    await shell.stop();
  }
}
