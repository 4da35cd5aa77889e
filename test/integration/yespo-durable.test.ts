import { afterEach, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { startFakeYespo } from '../fakes/yespo/server.js';
import { tempDir } from '../support/temp-dir.js';
import { acceptedTokenCounts, chatIds, makeSync, seed, subscriber, waitFor } from './fixtures/yespo-world.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('pushes only subscribers that are on disk: nothing reaches Yespo while the disk refuses, each once after', async () => {
  const fake = await startFakeYespo();
  cleanups.push(() => fake.close());
  const folder = tempDir('tcy-durable-');
  cleanups.push(folder.remove);
  let diskFull = false;
  const store = await Store.open(folder.dir, {
    beforeWrite: () => {
      if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  });
  cleanups.push(() => store.close());
  const under = makeSync(store, fake);
  cleanups.push(() => under.sync.stop());
  under.sync.start();

  diskFull = true;
  const ids = chatIds(5_000, 250);
  await expect(seed(store, ids.map((id) => subscriber(id)))).rejects.toThrow(/save/);
  // The sync has looked at the outbox and found it not yet saved.
  await waitFor(() => under.sync.status(), (s) => s.state === 'store-failed', 'the sync to see the store failing');
  expect(fake.tokenRequests).toHaveLength(0);

  diskFull = false;
  await waitFor(() => under.sync.status(), (s) => s.state === 'idle' && s.pending === 0, 'the sync to drain');
  const counts = acceptedTokenCounts(fake.tokenRequests);
  // The refused commit stayed queued in the store and was saved on the retry: every subscriber, once.
  expect(counts.size).toBe(ids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});
