/**
 * The campaign's clock. At 0.002 an hour of the engine's waits lasts 7.2 s, so a Telegram
 * retry_after clamped to an hour is seen to end, while one of 90,000 s (180 s) is seen not to.
 * Polls keep Telegram's 50 s timeout: the fake holds them 50 s × TELEGRAM_FAKE_SCALE.
 */
export const CHILD_TIMING = {
  timeScale: 0.002,
  pollTimeoutSeconds: 50,
  yespo: { retryScale: 0.01, activityFirstDelayMs: 60 * 60_000, idleCheckMs: 50, storeRetryMs: 50, timeoutMs: 2_000 },
} as const;

export const TELEGRAM_FAKE_SCALE = 0.0005;

/** The longest Telegram wait the engine may obey (one hour), in the campaign's time. */
export const RETRY_AFTER_CLAMP_MS = 3_600_000 * CHILD_TIMING.timeScale;

/** Pushes in flight at once (the sync's two lanes) times the batch size: what one crash may send again. */
export const IN_FLIGHT_PER_KILL = 2 * 100;
