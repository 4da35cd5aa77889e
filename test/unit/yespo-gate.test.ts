import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log.js';
import { YespoAuthError, YespoNotFound, YespoPermissionError } from '../../electron/core/yespo/errors.js';
import { CLEAR_GATE, liftPauses, sendDecision, SyncGate, syncStatus, type GateState, type OutboxView } from '../../electron/core/yespo/gate.js';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const configured = { apiKey: 'KEY-A', appUuid: 'APP-A', paused: false };
const quiet: OutboxView = { counts: { waitingTokens: 0, waiting: 0, failed: 0 }, busy: false, nextDue: undefined, lastSuccessAt: undefined };
const authPaused: GateState = { ...CLEAR_GATE, auth: { value: 'KEY-A', detail: 'key refused' } };
const storeFailed: GateState = { ...CLEAR_GATE, storeFailed: { detail: 'ENOSPC', retryAt: NOW + 5_000 } };

describe('liftPauses', () => {
  it('keeps a pause while the setting that failed is unchanged, and lifts it when the setting changes', () => {
    const paused: GateState = { ...authPaused, app: { value: 'APP-A', detail: 'unknown app' }, activityForbiddenFor: 'KEY-A' };
    expect(liftPauses(paused, configured)).toBe(paused);
    expect(liftPauses(paused, { ...configured, apiKey: 'KEY-B' })).toMatchObject({ auth: null, app: { value: 'APP-A' }, activityForbiddenFor: undefined });
    expect(liftPauses(paused, { ...configured, appUuid: 'APP-B' })).toMatchObject({ auth: { value: 'KEY-A' }, app: null, activityForbiddenFor: 'KEY-A' });
  });
});

describe('sendDecision', () => {
  it('waits without an end while not configured, paused by the owner or paused by Yespo', () => {
    expect(sendDecision(CLEAR_GATE, { ...configured, apiKey: null }, NOW)).toEqual({ kind: 'wait' });
    expect(sendDecision(CLEAR_GATE, { ...configured, paused: true }, NOW)).toEqual({ kind: 'wait' });
    expect(sendDecision(authPaused, configured, NOW)).toEqual({ kind: 'wait' });
    // A key Yespo refused keeps the store check waiting too: nothing can be sent either way.
    expect(sendDecision({ ...storeFailed, auth: authPaused.auth }, configured, NOW + 10_000)).toEqual({ kind: 'wait' });
  });

  it('checks the store when its retry is due, and waits for it before', () => {
    expect(sendDecision(storeFailed, configured, NOW)).toEqual({ kind: 'wait', until: NOW + 5_000 });
    expect(sendDecision(storeFailed, configured, NOW + 5_000)).toEqual({ kind: 'check-store' });
  });

  it('waits out a backoff, then sends', () => {
    const backingOff: GateState = { ...CLEAR_GATE, backoffUntil: NOW + 2_000 };
    expect(sendDecision(backingOff, configured, NOW)).toEqual({ kind: 'wait', until: NOW + 2_000 });
    expect(sendDecision(backingOff, configured, NOW + 2_000)).toEqual({ kind: 'send' });
  });
});

describe('syncStatus', () => {
  const waiting: OutboxView = { ...quiet, counts: { waitingTokens: 3, waiting: 4, failed: 1 } };

  it('reports the first thing that holds the sync, in the order the owner must act on them', () => {
    const everything: GateState = { ...storeFailed, auth: authPaused.auth, backoffUntil: NOW + 1_000 };
    expect(syncStatus(everything, { ...configured, appUuid: null, paused: true }, NOW, waiting)).toEqual({ state: 'not-configured', pending: 3, failed: 1 });
    expect(syncStatus(everything, { ...configured, paused: true }, NOW, waiting).state).toBe('paused');
    expect(syncStatus(everything, configured, NOW, waiting)).toMatchObject({ state: 'store-failed', detail: 'ENOSPC' });
    expect(syncStatus({ ...everything, storeFailed: null }, configured, NOW, waiting)).toMatchObject({ state: 'paused-auth', detail: 'key refused' });
    expect(syncStatus({ ...CLEAR_GATE, app: { value: 'APP-A', detail: 'unknown app' } }, configured, NOW, waiting)).toMatchObject({ state: 'paused-app-uuid', detail: 'unknown app' });
  });

  it('shows a backoff with its end and the error that caused it', () => {
    const backingOff: GateState = { ...CLEAR_GATE, backoffUntil: NOW + 1_000, lastError: 'Yespo answered 503' };
    expect(syncStatus(backingOff, configured, NOW, waiting)).toMatchObject({ state: 'backing-off', nextTryAt: NOW + 1_000, detail: 'Yespo answered 503' });
    expect(syncStatus({ ...backingOff, lastError: undefined }, configured, NOW, waiting)).not.toHaveProperty('detail');
  });

  it('is syncing while work is in flight or due, backing off until items that wait for a later try, idle otherwise', () => {
    expect(syncStatus(CLEAR_GATE, configured, NOW, { ...waiting, busy: true }).state).toBe('syncing');
    expect(syncStatus(CLEAR_GATE, configured, NOW, { ...waiting, nextDue: NOW }).state).toBe('syncing');
    expect(syncStatus({ ...CLEAR_GATE, lastError: 'timeout' }, configured, NOW, { ...waiting, nextDue: NOW + 60_000 })).toMatchObject({ state: 'backing-off', nextTryAt: NOW + 60_000, detail: 'timeout' });
    expect(syncStatus(CLEAR_GATE, configured, NOW, quiet)).toEqual({ state: 'idle', pending: 0, failed: 0 });
  });

  it('counts whole days since the key last worked', () => {
    expect(syncStatus(CLEAR_GATE, configured, NOW, { ...quiet, lastSuccessAt: NOW - 3 * DAY - 1 })).toMatchObject({ lastSuccessAt: NOW - 3 * DAY - 1, apiKeyIdleDays: 3 });
  });
});

describe('SyncGate', () => {
  function gate(random = 0): { gate: SyncGate; now: { at: number }; notified: () => number } {
    const now = { at: NOW };
    let notified = 0;
    const g = new SyncGate({
      logger: createLogger({ level: 'silent', stderr: false }),
      now: () => now.at,
      random: () => random,
      notify: () => void notified++,
      timing: { retry: { baseMs: 1_000, capMs: 8_000, maxRetryAfterMs: 60_000 }, retryScale: 1, storeRetryMs: 5_000 },
    });
    return { gate: g, now, notified: () => notified };
  }

  it('backs off longer with each failure in a row, up to the cap, and starts over after a success', () => {
    const { gate: g } = gate(1);
    expect([1, 2, 3, 4, 5].map(() => g.backOff(undefined, 'down'))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    g.succeeded();
    expect(g.state).toMatchObject({ failureStreak: 0, lastError: undefined });
    expect(g.backOff(undefined, 'down')).toBe(1_000);
  });

  it("obeys Yespo's Retry-After, and a shorter wait later never shortens the backoff", () => {
    const { gate: g } = gate(0);
    expect(g.backOff(30_000, 'rate limited')).toBe(30_000);
    g.backOff(undefined, 'rate limited');
    expect(g.state.backoffUntil).toBe(NOW + 30_000);
    expect(g.state.lastError).toBe('rate limited');
  });

  it('pauses for the key or the app_uuid that failed, with a sentence that says what to fix', () => {
    const { gate: g, notified } = gate();
    g.pauseAuth(new YespoAuthError('401', 401), 'KEY-A');
    expect(g.state.auth).toEqual({ value: 'KEY-A', detail: expect.stringMatching(/401.*90 days/) });
    g.pauseAuth(new YespoPermissionError('403', 403, 'Access denied'), 'KEY-A');
    expect(g.state.auth?.detail).toMatch(/403: Access denied.*full access/);
    g.pauseApp(new YespoNotFound('404', 404, 'Not registered application'), 'APP-A');
    expect(g.state.app).toEqual({ value: 'APP-A', detail: expect.stringMatching(/app_uuid \(404: Not registered application\)/) });
    expect(notified()).toBe(3);
    expect(g.decide({ ...configured, apiKey: 'KEY-B', appUuid: 'APP-B' })).toEqual({ kind: 'send' });
  });

  it('a store failure is retried after a wait; "sync now" retries it at once, a fresh start forgets it', () => {
    const { gate: g } = gate();
    g.storeFailing('ENOSPC');
    expect(g.decide(configured)).toEqual({ kind: 'wait', until: NOW + 5_000 });
    g.syncNow();
    expect(g.decide(configured)).toEqual({ kind: 'check-store' });
    g.start();
    expect(g.decide(configured)).toEqual({ kind: 'send' });
  });
});
