import { describe, expect, it } from 'vitest';
import { ALERT_AFTER_MS, alertSteps, type TrackedStates } from '../../electron/core/alerts/alert-timing.js';
import { mustActStates, type MustAct } from '../../electron/core/alerts/must-act.js';
import { CLEAR_AFTER_MS, notificationsToShow, type NotifiedStates } from '../../electron/core/alerts/notification-rules.js';
import type { Notice } from '../../electron/core/contract/types.js';
import { healthyStatus } from '../support/healthy-status.js';

const MIN = 60_000;
const notice = (code: Notice['code']): Notice => ({ code, severity: 'error' });
const TOKEN: MustAct = { code: 'token-rejected', route: '/settings?section=bot' };
const KEY: MustAct = { code: 'api-key-rejected', route: '/settings?section=api-key' };

describe('must-act states', () => {
  it('are the notices she must act on, each with the screen that fixes it', () => {
    const status = healthyStatus({
      notices: ['token-rejected', 'webhook-set', 'api-key-rejected', 'app-uuid-wrong', 'keychain-locked', 'store-write-failed', 'pushes-waiting', 'second-poller'].map((c) => notice(c as Notice['code'])),
    });
    expect(mustActStates(status)).toEqual([
      { code: 'token-rejected', route: '/settings?section=bot' },
      { code: 'webhook-set', route: '/' },
      { code: 'api-key-rejected', route: '/settings?section=api-key' },
      { code: 'app-uuid-wrong', route: '/settings?section=app-uuid' },
      { code: 'keychain-locked', route: '/' },
      { code: 'store-write-failed', route: '/' },
    ]);
  });

  it('count Telegram unanswered for 20 hours now, but not the hours the app was off before this start', () => {
    expect(mustActStates(healthyStatus())).toEqual([]);
    expect(mustActStates(healthyStatus({ bot: { state: 'backing-off', retention: 'warning', offlineHours: 21 } }))).toEqual([{ code: 'offline', route: '/' }]);
    expect(mustActStates(healthyStatus({ bot: { state: 'backing-off', retention: 'exceeded', offlineHours: 30 } }))).toEqual([{ code: 'offline', route: '/' }]);
    expect(mustActStates(healthyStatus({ notices: [{ code: 'offline-warning', severity: 'warning', params: { hours: 22 } }] }))).toEqual([]);
  });
});

describe('desktop notification rules', () => {
  it('notify once when a state is entered, not while it lasts, and again after it cleared', () => {
    let notified: NotifiedStates = {};
    const step = (current: MustAct[], at: number): string[] => {
      const r = notificationsToShow(notified, current, at);
      notified = r.next;
      return r.show.map((s) => s.code);
    };
    expect(step([TOKEN], 0)).toEqual(['token-rejected']);
    expect(step([TOKEN], MIN)).toEqual([]);
    expect(step([TOKEN, KEY], 2 * MIN)).toEqual(['api-key-rejected']);
    expect(step([KEY], 3 * MIN)).toEqual([]);
    expect(step([KEY], 3 * MIN + CLEAR_AFTER_MS)).toEqual([]);
    expect(step([TOKEN, KEY], 4 * MIN + CLEAR_AFTER_MS)).toEqual(['token-rejected']);
  });

  it('a state gone for less than a minute (a restart, a poll not answered yet) is the same state', () => {
    const first = notificationsToShow({}, [TOKEN], 0);
    const gone = notificationsToShow(first.next, [], 1_000);
    const back = notificationsToShow(gone.next, [TOKEN], CLEAR_AFTER_MS - 1);
    expect(back.show).toEqual([]);
  });

  it('from what was persisted, a restart in the same state shows nothing', () => {
    expect(notificationsToShow({ 'token-rejected': {} }, [TOKEN], 0).show).toEqual([]);
  });
});

describe('Telegram alert timing', () => {
  it('alerts once a state lasts 15 minutes, once, and says when it cleared', () => {
    let tracked: TrackedStates = {};
    const step = (codes: MustAct['code'][], at: number) => {
      const r = alertSteps(tracked, codes, at);
      tracked = r.tracked;
      return r;
    };
    const first = step(['api-key-rejected'], 0);
    expect(first.send).toEqual([]);
    expect(first.nextCheckAt).toBe(ALERT_AFTER_MS);
    expect(step(['api-key-rejected'], ALERT_AFTER_MS - 1).send).toEqual([]);
    expect(step(['api-key-rejected'], ALERT_AFTER_MS).send).toEqual([{ code: 'api-key-rejected', kind: 'raised', since: 0 }]);
    expect(step(['api-key-rejected'], 2 * ALERT_AFTER_MS).send).toEqual([]);
    const gone = step([], 2 * ALERT_AFTER_MS + 1);
    expect(gone.send).toEqual([]);
    expect(gone.nextCheckAt).toBe(2 * ALERT_AFTER_MS + 1 + CLEAR_AFTER_MS);
    expect(step([], 2 * ALERT_AFTER_MS + 1 + CLEAR_AFTER_MS).send).toEqual([{ code: 'api-key-rejected', kind: 'cleared', since: 0 }]);
    expect(tracked).toEqual({});
  });

  it('a state that ends before 15 minutes is never told', () => {
    const r1 = alertSteps({}, ['webhook-set'], 0);
    const r2 = alertSteps(r1.tracked, [], 10 * MIN);
    const r3 = alertSteps(r2.tracked, [], 10 * MIN + CLEAR_AFTER_MS);
    expect([...r1.send, ...r2.send, ...r3.send]).toEqual([]);
    expect(r3.tracked).toEqual({});
  });

  it('a short gap keeps the state’s start, so a flapping state is alerted once and not restarted', () => {
    const r1 = alertSteps({}, ['offline'], 0);
    const r2 = alertSteps(r1.tracked, [], 10 * MIN);
    const r3 = alertSteps(r2.tracked, ['offline'], 10 * MIN + 30_000);
    expect(r3.tracked.offline?.since).toBe(0);
    expect(alertSteps(r3.tracked, ['offline'], ALERT_AFTER_MS).send).toHaveLength(1);
  });
});
