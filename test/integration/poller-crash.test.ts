import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { killHard, runScript, type ScriptChild } from '../support/script-child.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runChild(env: Record<string, string>): ScriptChild {
  return runScript('test/integration/fixtures/poller-child.ts', { env, ms: 20_000, cleanups });
}

async function crashAndRecover(moment: 'before-persist' | 'after-persist'): Promise<void> {
  const tg: FakeTelegram = await startFakeTelegram({ timeScale: 0.02 });
  cleanups.push(() => tg.close());
  const t = tempDir();
  cleanups.push(t.remove);
  const env = { DATA_DIR: t.dir, API_ROOT: tg.url, BOT_TOKEN: tg.token };
  const users = Array.from({ length: 30 }, () => tg.user());
  for (const u of users) tg.start(u, 'crash');

  const first = runChild({ ...env, KILL_AT: moment });
  await first.waitFor(`AT ${moment}`);
  await killHard(first.child);

  const second = runChild({ ...env, KILL_AT: 'none' });
  await second.waitFor('READY');
  const until = Date.now() + 20_000;
  // A batch is confirmed by the next poll, which goes out only after the batch was persisted.
  while (tg.pendingCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  await killHard(second.child);

  const store = await Store.open(t.dir);
  cleanups.push(() => store.close());
  const subs = [...store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()];
  expect(subs.map((s) => s.chatId).sort()).toEqual(users.map((u) => u.id).sort());
  for (const u of users) {
    expect(store.get<unknown[]>(COLLECTIONS.events, `${tg.botId}:${u.id}`), `events of ${u.id}`).toHaveLength(1);
  }
  expect(tg.pendingCount()).toBe(0);
}

describe('a crash at any moment loses no subscriber and doubles none', () => {
  it('SIGKILL after the fetch, before the batch is saved', () => crashAndRecover('before-persist'), 60_000);
  it('SIGKILL after the batch is saved, before the next poll confirms it', () => crashAndRecover('after-persist'), 60_000);
});
