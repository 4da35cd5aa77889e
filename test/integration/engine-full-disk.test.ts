import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { smallTmpfs } from '../support/mounts.js';

let h: EngineHarness | null = null;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await h?.close();
  h = null;
  for (const c of cleanups.splice(0).reverse()) await c();
});

const disk = smallTmpfs(1024);
it.skipIf(!disk)('a disk that fills mid-burst: Telegram keeps what was not saved, Yespo gets only what was, and nothing is lost after a restart', async () => {
  cleanups.push(disk!.remove);
  const dataDir = path.join(disk!.dir, 'data');
  await fs.mkdir(dataDir);
  h = await startEngine({ dataDir });
  await h.configure();
  const before = Array.from({ length: 50 }, (_, i) => h!.tg.user(undefined, { first_name: `Before${i}` }));
  for (const u of before) h.tg.start(u);
  await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 50, 'the first 50 in Yespo');

  const ballast = path.join(disk!.dir, 'ballast');
  const stats = await fs.statfs(disk!.dir);
  await fs.writeFile(ballast, Buffer.alloc(Number(stats.bavail * stats.bsize) - 16 * 1024));
  const during = Array.from({ length: 300 }, (_, i) => h!.tg.user(undefined, { first_name: `During${i}`, last_name: 'x'.repeat(60) }));
  for (const u of during) h.tg.start(u);
  const failed = await h.waitFor(() => h!.status(), (s) => s.bot.state === 'store-failed', 'the poller to stop on the full disk');
  expect(failed.notices[0].code).toBe('store-write-failed');
  // Whatever was not saved was not confirmed: Telegram still holds it.
  const savedSubscribers = async (): Promise<number> => {
    const page = await h!.engine.api.querySubscribers({ limit: 1 });
    return page.total;
  };
  expect(h.tg.pendingCount()).toBeGreaterThan(0);
  const pushedDuringOutage = h.yespo.tokenRequests.filter((r) => r.status === 200).reduce((n, r) => n + r.tokens.length, 0);
  expect(pushedDuringOutage).toBeLessThanOrEqual(50 + (await savedSubscribers()));

  await fs.rm(ballast);
  await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 350 && s.bot.state === 'polling', 'everyone in Yespo once the disk has room');
  await h.waitFor(() => h!.tg.pendingCount(), (n) => n === 0, 'Telegram to have every update confirmed');
  await h.restart();
  const after = await h.status();
  expect(after.counts.subscribers).toBe(350);
  const tokens = new Map<string, number>();
  for (const r of h.yespo.tokenRequests) if (r.status === 200) for (const t of r.tokens as Array<{ token: string }>) tokens.set(t.token, (tokens.get(t.token) ?? 0) + 1);
  expect(tokens.size).toBe(350);
  expect([...tokens.values()].every((n) => n === 1)).toBe(true);
});
