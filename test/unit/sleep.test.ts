import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../../electron/core/retry-delay.js';
import { sleep } from '../../electron/core/sleep.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep', () => {
  it('waits the longest a timer holds for a wait beyond 2^31-1 ms, instead of 1 ms', async () => {
    vi.useFakeTimers();
    let woke = false;
    void sleep(3_000_000_000).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS - 1_000);
    expect(woke).toBe(true);
  });

  it('ends early when its signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let woke = false;
    void sleep(60_000, controller.signal).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(woke).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(woke).toBe(true);
  });
});
