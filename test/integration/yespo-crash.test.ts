import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { killHard, runScript, type ScriptChild } from '../support/script-child.js';
import { tempDir } from '../support/temp-dir.js';
import { acceptedTokenCounts, chatIds, seed, subscriber } from './fixtures/yespo-world.js';

const BATCH = 50;
const COUNT = 600;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runChild(args: string[]): ScriptChild {
  return runScript('test/integration/fixtures/yespo-child.ts', { args, ms: 25_000, cleanups });
}

interface World {
  fake: FakeYespo;
  dir: string;
  args: (freezeAt?: number) => string[];
}

async function world(): Promise<World> {
  const fake = await startFakeYespo();
  cleanups.push(() => fake.close());
  const t = tempDir('tcy-yespo-crash-');
  cleanups.push(t.remove);
  const store = await Store.open(t.dir);
  await seed(store, chatIds(1, COUNT).map((id) => subscriber(id)));
  await store.close();
  return {
    fake,
    dir: t.dir,
    args: (freezeAt) => [t.dir, fake.url, fake.apiKey, fake.appUuid, String(BATCH), ...(freezeAt ? [String(freezeAt)] : [])],
  };
}

async function expectAllPushed(dir: string): Promise<void> {
  const store = await Store.open(dir);
  try {
    expect(store.collection(COLLECTIONS.outbox).size).toBe(0);
    const subs = [...store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()];
    expect(subs).toHaveLength(COUNT);
    expect(subs.filter((s) => !s.tokenInYespo || s.yespo.state !== 'synced')).toEqual([]);
  } finally {
    await store.close();
  }
}

/**
 * Runs the sync again after a crash, until it is done: every subscriber pushed and saved so, each token
 * accepted at least once and at most twice; `twice` holds the tokens accepted a second time.
 */
async function recover({ fake, dir, args }: World): Promise<{ counts: Map<string, number>; twice: number[] }> {
  const second = runChild(args());
  await second.waitFor('DONE');
  await expectAllPushed(dir);

  const counts = acceptedTokenCounts(fake.tokenRequests);
  for (const id of chatIds(1, COUNT)) expect(counts.get(String(id)), `token ${id}`).toBeGreaterThanOrEqual(1);
  const twice = [...counts.values()].filter((n) => n > 1);
  expect(twice.every((n) => n === 2)).toBe(true);
  return { counts, twice };
}

describe('a crash of the sync', () => {
  it('SIGKILL while Yespo holds a request: nothing is lost, and only a batch in flight can go out twice', async () => {
    const crashed = await world();
    const { fake, args } = crashed;
    fake.failNext(1, 'hang', /tokens/);
    const first = runChild(args());
    await first.waitFor('READY');
    const until = Date.now() + 20_000;
    while (fake.tokenRequests.filter((r) => r.status === 200).length < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(fake.tokenRequests[0].status).toBe(0);
    await killHard(first.child);
    const acceptedBefore = fake.tokenRequests.filter((r) => r.status === 200).length;
    expect(acceptedBefore).toBeGreaterThanOrEqual(4);

    const { counts, twice } = await recover(crashed);
    // The hung batch never reached Yespo; at most the other lane's batch was accepted but not yet saved.
    expect(twice.length).toBeLessThanOrEqual(BATCH);
    // The hung batch went out again after the restart.
    const hung = (fake.tokenRequests[0].tokens as Array<{ token: string }>).map((t) => t.token);
    expect(hung).toHaveLength(BATCH);
    for (const token of hung) expect(counts.get(token)).toBe(1);
  });

  it('SIGKILL after Yespo accepted a batch but before it was saved: only the batches in flight are sent again', async () => {
    const crashed = await world();
    const { fake, args } = crashed;
    // Writes 1 and 2 are the first two accepted batches; the third is frozen before it reaches the disk.
    const first = runChild(args(3));
    await first.waitFor('AT write 3');
    await killHard(first.child);

    const { twice } = await recover(crashed);
    // The frozen batch went out twice; besides it, at most the other lane's batch in flight.
    expect(twice.length).toBeGreaterThanOrEqual(BATCH);
    expect(twice.length).toBeLessThanOrEqual(2 * BATCH);
    // Yespo ends up with one contact per subscriber, each holding its token once.
    expect(fake.contacts).toHaveLength(COUNT);
    expect(fake.contacts.every((c) => c.tokens.length === 1)).toBe(true);
  });
});
