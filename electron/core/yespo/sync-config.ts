import { DEFAULT_RETRY, type RetryPolicy } from '../retry-delay.js';

/** The settings the sync reads, fresh on every cycle: the owner can change them at any time. */
export interface YespoConfig {
  apiRoot: string;
  apiKey: string | null;
  appUuid: string | null;
  batchSize: number;
  externalIdPrefix: string;
  activityPollMinutes: number;
  paused: boolean;
}

/** Waits and limits; the defaults are the product's, tests shrink them. */
export interface SyncTiming {
  retry: RetryPolicy;
  /** Multiplies every wait derived from Yespo's answers (backoff, Retry-After, the 409 minute). */
  retryScale: number;
  /** `POST /v1/contact` refuses a repeat within a minute. */
  repeatWaitMs: number;
  /** The first scheduled activity read after `start`. */
  activityFirstDelayMs: number;
  /** How often an idle worker looks at the settings again (pause, keys). */
  idleCheckMs: number;
  /** How long to wait before retrying a store that refused to write. */
  storeRetryMs: number;
  /** Per-call timeout. */
  timeoutMs: number;
  /** Requests in flight at once. Each lane waits for its batch to be durable before the next. */
  lanes: number;
  /** Rows per page of the activity report. */
  activityPageRows: number;
  /** How long a minute of `activityPollMinutes` lasts (tests shrink it). */
  minuteMs: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  retry: DEFAULT_RETRY,
  retryScale: 1,
  repeatWaitMs: 60_000,
  activityFirstDelayMs: 10_000,
  idleCheckMs: 1_000,
  storeRetryMs: 5_000,
  timeoutMs: 20_000,
  lanes: 2,
  activityPageRows: 1_000,
  minuteMs: 60_000,
};
