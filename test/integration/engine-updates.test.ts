import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../electron/core/contract/host.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { fakeHost, fakeUpdateFeed } from '../support/fake-host.js';

let h: EngineHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("the app's own updates, through the host contract", () => {
  it('headless has no updater: the capability is off and the state says unavailable', async () => {
    h = await startEngine();
    expect((await h.engine.api.getHostCapabilities(undefined)).updates).toBe(false);
    expect(await h.engine.api.getUpdateState(undefined)).toEqual({ state: 'unavailable' });
  });

  it("on the desktop the engine answers with the shell's updater state and passes every change on to the windows", async () => {
    const feed = fakeUpdateFeed({ state: 'idle' });
    h = await startEngine({ host: { ...fakeHost({ updates: true }), updates: feed } });
    expect((await h.engine.api.getHostCapabilities(undefined)).updates).toBe(true);
    expect(await h.engine.api.getUpdateState(undefined)).toEqual({ state: 'idle' });
    const seen: UpdateState[] = [];
    h.engine.on('updates', (state) => seen.push(state));
    feed.set({ state: 'downloading', version: '1.2.0', percent: 40 });
    feed.set({ state: 'ready', version: '1.2.0' });
    expect(seen).toEqual([
      { state: 'downloading', version: '1.2.0', percent: 40 },
      { state: 'ready', version: '1.2.0' },
    ]);
    expect(await h.engine.api.getUpdateState(undefined)).toEqual({ state: 'ready', version: '1.2.0' });
  });

  it('a desktop build without a feed says updates are off', async () => {
    h = await startEngine({ host: { ...fakeHost(), updates: fakeUpdateFeed({ state: 'off' }) } });
    expect(await h.engine.api.getUpdateState(undefined)).toEqual({ state: 'off' });
  });
});

describe('the busy signal the updater waits for', () => {
  it('is on while a Telegram batch is being saved and off once the engine is idle again', async () => {
    const busyAtWrite: boolean[] = [];
    let recording = false;
    h = await startEngine({
      beforeStoreWrite: () => {
        if (recording) busyAtWrite.push(h!.engine.busy());
      },
    });
    await h.configure();
    await h.waitFor(() => h!.status(), (s) => s.bot.lastPollAt !== undefined, 'a first answered poll');
    recording = true;
    h.tg.start(h.tg.user());
    await h.waitFor(() => h!.engine.api.getStats(undefined), (s) => s.counts.inYespo === 1, 'the subscriber in Yespo');
    recording = false;
    // The first write after the /start is the poller's batch.
    expect(busyAtWrite[0]).toBe(true);
    await h.waitFor(() => h!.engine.busy(), (busy) => !busy, 'the engine to be idle');
    expect(h.engine.busy()).toBe(false);
  });

  it('is off in an engine that has stopped', async () => {
    h = await startEngine();
    await h.engine.stop();
    expect(h.engine.busy()).toBe(false);
    await h.engine.start();
  });
});
