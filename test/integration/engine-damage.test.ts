import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createEngine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { tempDir } from '../support/temp-dir.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

it('starts with an unreadable subscriber record in the data file: the record is quarantined and counted, the rest works', async () => {
  h = await startEngine();
  await h.configure();
  const olena = h.tg.user(undefined, { first_name: 'Olena' });
  h.tg.start(olena);
  await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 1, 'the first subscriber in Yespo');
  await h.engine.stop();

  const snapshot = path.join(h.dataDir, 'store', 'data.json');
  await fs.writeFile(snapshot, JSON.stringify({ schemaVersion: 1, seq: 0, collections: { subscribers: { [`${h.tg.botId}:1`]: null } } }));
  await h.restart();

  const status = await h.status();
  expect(status.store).toMatchObject({ state: 'recovered', quarantined: 1 });
  expect(status.notices.map((n) => n.code)).toContain('store-recovered');
  const page = await h.engine.api.querySubscribers({ offset: 0, limit: 10, search: 'Ol', sort: 'name', dir: 'asc' });
  expect(page.rows.map((r) => r.chatId)).toEqual([olena.id]);
  const ivan = h.tg.user(undefined, { first_name: 'Ivan' });
  h.tg.start(ivan);
  await h.waitFor(() => h!.status(), (s) => s.counts.inYespo === 2, 'a new subscriber after the restart');
});

it('without a data folder it can open, the engine answers status, setup and keychain, and says what is wrong for the rest', async () => {
  const folder = tempDir('tcy-degraded-');
  // A file where the store's folder should be.
  await fs.writeFile(path.join(folder.dir, 'store'), 'not a folder');
  const engine = createEngine({ dataDir: folder.dir, version: '0', secrets: createMemorySecrets(), logger: createLogger({ level: 'silent' }) });
  try {
    await engine.start();
    const status = await engine.api.getStatus(undefined);
    expect(status.store.state).toBe('write-failed');
    expect(status.store.detail).toMatch(/EEXIST|ENOTDIR/);
    expect(status.notices[0].code).toBe('store-write-failed');
    expect((await engine.api.getSetup(undefined)).complete).toBe(false);
    expect((await engine.api.checkKeychain(undefined)).ok).toBe(true);
    await expect(engine.api.querySubscribers({})).rejects.toMatchObject({ code: 'store_failed' });
    await expect(engine.api.setBotToken({ token: '1:x' })).rejects.toMatchObject({ code: 'store_failed' });
  } finally {
    await engine.stop();
    folder.remove();
  }
});

it('takes over from the degraded engine by itself once the data folder can be opened, without a restart', async () => {
  const folder = tempDir('tcy-reopen-');
  const blocker = path.join(folder.dir, 'store');
  await fs.writeFile(blocker, 'not a folder');
  const engine = createEngine({ dataDir: folder.dir, version: '0', secrets: createMemorySecrets(), logger: createLogger({ level: 'silent' }), timeScale: 0.01 });
  try {
    await engine.start();
    expect((await engine.api.getStatus(undefined)).store.state).toBe('write-failed');
    await fs.rm(blocker);
    await expect.poll(async () => (await engine.api.getStatus(undefined)).store.state, { timeout: 10_000 }).toBe('ok');
    expect((await engine.api.querySubscribers({})).total).toBe(0);
  } finally {
    await engine.stop();
    folder.remove();
  }
});
