import type { SyncStatus } from '../contract/types.js';
import { errorText } from '../error-text.js';
import type { Logger } from '../log.js';
import { retryDelay } from '../retry-delay.js';
import { YespoAuthError, type YespoError, type YespoPermissionError } from './errors.js';
import type { OutboxCounts } from './outbox-index.js';
import type { SyncTiming, YespoConfig } from './sync-config.js';

type GateConfig = Pick<YespoConfig, 'apiKey' | 'appUuid' | 'paused'>;

interface Pause {
  /** The setting value that failed: a different one lifts the pause. */
  value: string | null;
  detail: string;
}

/** What holds the sync back. Kept apart from the outbox: a restart of the store does not reset it. */
export interface GateState {
  /** Yespo refused the API key (401/403). */
  auth: Pause | null;
  /** Yespo does not know the app_uuid. */
  app: Pause | null;
  /** Transient failures: nothing is sent before this. */
  backoffUntil: number;
  failureStreak: number;
  lastError: string | undefined;
  /** The store refused to write: sending waits until a check finds it writing again. */
  storeFailed: { detail: string; retryAt: number } | null;
  /** The API key Yespo would not show activity to (403); undefined while it may. */
  activityForbiddenFor: string | null | undefined;
}

export const CLEAR_GATE: GateState = {
  auth: null,
  app: null,
  backoffUntil: 0,
  failureStreak: 0,
  lastError: undefined,
  storeFailed: null,
  activityForbiddenFor: undefined,
};

const DAY = 86_400_000;

/** A pause holds for the setting value Yespo refused; a changed setting deserves a try. */
export function liftPauses(state: GateState, cfg: GateConfig): GateState {
  const auth = state.auth && state.auth.value !== cfg.apiKey ? null : state.auth;
  const app = state.app && state.app.value !== cfg.appUuid ? null : state.app;
  const forbidden = state.activityForbiddenFor !== undefined && state.activityForbiddenFor !== cfg.apiKey ? undefined : state.activityForbiddenFor;
  if (auth === state.auth && app === state.app && forbidden === state.activityForbiddenFor) return state;
  return { ...state, auth, app, activityForbiddenFor: forbidden };
}

/** `wait` without `until` lasts until the settings change: the worker looks at them again anyway. */
export type SendDecision = { kind: 'send' } | { kind: 'check-store' } | { kind: 'wait'; until?: number };

export function sendDecision(state: GateState, cfg: GateConfig, now: number): SendDecision {
  if (!cfg.apiKey || !cfg.appUuid || cfg.paused || state.auth || state.app) return { kind: 'wait' };
  if (state.storeFailed) return state.storeFailed.retryAt <= now ? { kind: 'check-store' } : { kind: 'wait', until: state.storeFailed.retryAt };
  if (now < state.backoffUntil) return { kind: 'wait', until: state.backoffUntil };
  return { kind: 'send' };
}

/** What the status needs from the outbox side. */
export interface OutboxView {
  counts: OutboxCounts;
  /** Requests in flight, or halves of a split batch still to send. */
  busy: boolean;
  nextDue: number | undefined;
  lastSuccessAt: number | undefined;
}

/** The sync's state for the owner: the first thing that holds it, in the order the owner must act on them. */
export function syncStatus(state: GateState, cfg: GateConfig, now: number, outbox: OutboxView): SyncStatus {
  const { waitingTokens, waiting, failed } = outbox.counts;
  const status: SyncStatus = { state: 'idle', pending: waitingTokens, failed };
  if (outbox.lastSuccessAt !== undefined) {
    status.lastSuccessAt = outbox.lastSuccessAt;
    status.apiKeyIdleDays = Math.max(0, Math.floor((now - outbox.lastSuccessAt) / DAY));
  }
  if (!cfg.apiKey || !cfg.appUuid) return { ...status, state: 'not-configured' };
  if (cfg.paused) return { ...status, state: 'paused' };
  if (state.storeFailed) return { ...status, state: 'store-failed', detail: state.storeFailed.detail };
  if (state.auth) return { ...status, state: 'paused-auth', detail: state.auth.detail };
  if (state.app) return { ...status, state: 'paused-app-uuid', detail: state.app.detail };
  if (state.backoffUntil > now) return withDetail({ ...status, state: 'backing-off', nextTryAt: state.backoffUntil }, state.lastError);
  const { nextDue } = outbox;
  if (outbox.busy || (nextDue !== undefined && nextDue <= now)) return { ...status, state: 'syncing' };
  if (waiting > 0 && nextDue !== undefined) return withDetail({ ...status, state: 'backing-off', nextTryAt: nextDue }, state.lastError);
  return status;
}

function withDetail(status: SyncStatus, detail: string | undefined): SyncStatus {
  return detail ? { ...status, detail } : status;
}

export interface SyncGateDeps {
  logger: Logger;
  now: () => number;
  /** Jitter source; tests pin it. */
  random: () => number;
  /** Called whenever the status may have changed. */
  notify: () => void;
  timing: Pick<SyncTiming, 'retry' | 'retryScale' | 'storeRetryMs'>;
}

/**
 * The pauses and the backoff of the whole sync. Transient failures back off for everything (the
 * server is the problem, not the item); a refused key or app_uuid pauses until the setting changes
 * or the owner asks for a sync; a store that cannot write stops sending until it can.
 */
export class SyncGate {
  private current: GateState = CLEAR_GATE;

  constructor(private readonly deps: SyncGateDeps) {}

  get state(): GateState {
    return this.current;
  }

  get activityForbidden(): boolean {
    return this.current.activityForbiddenFor !== undefined;
  }

  /** A fresh start tries again: settings or the data may have changed while stopped. */
  start(): void {
    this.current = { ...this.current, auth: null, app: null, backoffUntil: 0, failureStreak: 0, storeFailed: null };
  }

  /** The owner asked: try everything now, the store included. */
  syncNow(): void {
    const storeFailed = this.current.storeFailed && { ...this.current.storeFailed, retryAt: 0 };
    this.current = { ...this.current, auth: null, app: null, backoffUntil: 0, failureStreak: 0, storeFailed };
  }

  clearBackoff(): void {
    this.current = { ...this.current, backoffUntil: 0, failureStreak: 0 };
  }

  lift(cfg: GateConfig): GateState {
    this.current = liftPauses(this.current, cfg);
    return this.current;
  }

  decide(cfg: GateConfig): SendDecision {
    return sendDecision(this.lift(cfg), cfg, this.deps.now());
  }

  status(cfg: GateConfig, outbox: OutboxView): SyncStatus {
    return syncStatus(this.lift(cfg), cfg, this.deps.now(), outbox);
  }

  /**
   * One more failure in a row: waits longer each time (Yespo's Retry-After when it sent one) and never
   * shortens a wait already set. `reason` is shown and logged, once per new reason.
   */
  backOff(retryAfterMs?: number, reason?: string): number {
    const { retry, retryScale } = this.deps.timing;
    const failureStreak = this.current.failureStreak + 1;
    const wait = retryDelay(failureStreak, { retryAfterMs, random: this.deps.random, policy: retry }) * retryScale;
    const backoffUntil = Math.max(this.current.backoffUntil, this.deps.now() + wait);
    if (reason !== undefined && (this.current.lastError !== reason || failureStreak === 1)) this.deps.logger.warn({ waitMs: Math.round(wait), streak: failureStreak }, reason);
    this.current = { ...this.current, failureStreak, backoffUntil, lastError: reason ?? this.current.lastError };
    this.deps.notify();
    return wait;
  }

  /** The key worked just now. */
  succeeded(): void {
    this.current = { ...this.current, failureStreak: 0, lastError: undefined };
  }

  pauseAuth(error: YespoAuthError | YespoPermissionError, apiKey: string | null): void {
    const detail =
      error instanceof YespoAuthError
        ? `Yespo doesn't accept this API key (401). Keys stop working after 90 days without use.`
        : `Yespo refused this API key (403${error.yespoText ? `: ${error.yespoText}` : ''}). It needs full access to the API.`;
    if (!this.current.auth) this.deps.logger.warn(detail);
    this.current = { ...this.current, auth: { value: apiKey, detail: errorText(detail) } };
    this.deps.notify();
  }

  pauseApp(error: YespoError, appUuid: string | null): void {
    const detail = `Yespo doesn't know this app_uuid (${error.status}${error.yespoText ? `: ${error.yespoText}` : ''}).`;
    if (!this.current.app) this.deps.logger.warn(detail);
    this.current = { ...this.current, app: { value: appUuid, detail: errorText(detail) } };
    this.deps.notify();
  }

  storeFailing(detail: string): void {
    this.current = { ...this.current, storeFailed: { detail, retryAt: this.deps.now() + this.deps.timing.storeRetryMs } };
    this.deps.notify();
  }

  storeSaved(): void {
    this.current = { ...this.current, storeFailed: null };
  }

  forbidActivity(apiKey: string | null): void {
    if (!this.activityForbidden) this.deps.logger.warn('This API key may not read contact activity, so Yespo delivery failures are not shown');
    this.current = { ...this.current, activityForbiddenFor: apiKey };
  }

  allowActivity(): void {
    if (this.activityForbidden) this.current = { ...this.current, activityForbiddenFor: undefined };
  }
}
