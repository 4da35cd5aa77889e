import { describe, expect, it } from 'vitest';
import type { FailureGroup, Status } from '../../electron/core/contract/types.js';
import { notices } from '../../electron/core/status/notices.js';
import { errorKey } from '../../renderer/src/errors/error-key.js';
import { ACTION_PLANS, doneTone } from '../../renderer/src/notices/action-plans.js';
import { allDelivered, deliveryBlockers } from '../../renderer/src/notices/delivery-blockers.js';
import { appUuidUnchecked } from '../../renderer/src/views/setup/app-uuid-check.js';
import { errorTextKey } from '../../renderer/src/views/setup/error-text.js';
import { fieldHint } from '../../renderer/src/views/setup/field-hint.js';
import { healthyStatus } from '../support/healthy-status.js';

/** A status with the notices the engine itself would derive from it. */
function statusWith(patch: Partial<Status>): Status {
  const base = healthyStatus(patch);
  return { ...base, notices: notices(base, {}) };
}

const group = (cause: FailureGroup['cause']): FailureGroup => ({ cause, count: 1, retryable: false, items: [] });

describe('Delivery failures shows what keeps subscribers out of Yespo (issue 11: truth)', () => {
  it('a wrong bot ID, a rejected key, Yespo down and a pause each appear with their fix, with the waiting count', () => {
    const cases: Array<[Status['sync']['state'], string, string]> = [
      ['paused-app-uuid', 'app-uuid-wrong', 'enter-app-uuid'],
      ['paused-auth', 'api-key-rejected', 'enter-api-key'],
      ['backing-off', 'pushes-waiting', 'retry-sync'],
    ];
    for (const [state, code, action] of cases) {
      const blockers = deliveryBlockers(statusWith({ sync: { state, pending: 1, failed: 0 } }));
      expect(blockers.notices.map((n) => [n.code, n.action]), state).toEqual([[code, action]]);
      expect(blockers.waiting).toBe(1);
    }
    expect(deliveryBlockers(statusWith({ paused: true, sync: { state: 'paused', pending: 2, failed: 0 } })).notices.map((n) => n.code)).toEqual(['paused']);
  });

  it('says nothing when all is well, or when only Telegram or the tray have something to say', () => {
    expect(deliveryBlockers(statusWith({}))).toEqual({ notices: [], waiting: 0 });
    expect(deliveryBlockers(statusWith({ bot: { state: 'backing-off', retention: 'ok' }, sync: { state: 'syncing', pending: 3, failed: 0 } }))).toEqual({ notices: [], waiting: 0 });
    expect(deliveryBlockers(null)).toEqual({ notices: [], waiting: 0 });
  });

  it('"Nothing has failed" only when nothing failed, nothing is held back and the app is in contact', () => {
    const none = { notices: [], waiting: 0 };
    const held = deliveryBlockers(statusWith({ sync: { state: 'paused-app-uuid', pending: 1, failed: 0 } }));
    expect(allDelivered([], none, null)).toBe(true);
    expect(allDelivered([], held, null)).toBe(false);
    expect(allDelivered([group('blocked-bot')], none, null)).toBe(false);
    expect(allDelivered([], none, 'lost')).toBe(false);
  });
});

describe('messages that do not claim success too early (issue 11: truth)', () => {
  it('"Trying again now." is news, not a success', () => {
    expect(doneTone(ACTION_PLANS['retry-sync'])).toBe('info');
    expect(doneTone(ACTION_PLANS.resume)).toBe('success');
  });

  it('a Yespo that answers 5xx during the key check is not blamed on the connection', () => {
    expect(errorTextKey('yespo_unreachable', 'apiKey', { yespoDown: true })).toBe('yespo_down');
    expect(errorTextKey('yespo_unreachable', 'apiKey')).toBe('yespo_unreachable');
    expect(errorKey({ code: 'yespo_unreachable', details: { yespoDown: true } })).toBe('common.yespoDown');
  });

  it('a call the app never answered is not "something went wrong inside the app"', () => {
    expect(errorKey({ code: 'internal', details: { unreachable: true } })).toBe('common.unanswered');
    expect(errorKey({ code: 'internal' })).toBe('common.errors.internal');
  });

  it('the green "looks like a token" hint goes once the value was refused, and comes back when it is edited', () => {
    const typed = { empty: false, value: '123:abc', problem: null };
    expect(fieldHint({ ...typed, failure: null })).toEqual({ tone: 'success', key: 'looksGood' });
    expect(fieldHint({ ...typed, failure: 'token_rejected' })).toEqual({ tone: null, key: null });
    expect(fieldHint({ ...typed, failure: 'api_key_rejected' })).toEqual({ tone: null, key: null });
    // Telegram not answering says nothing about the token itself.
    expect(fieldHint({ ...typed, failure: 'telegram_unreachable' })).toEqual({ tone: 'success', key: 'looksGood' });
    expect(fieldHint({ empty: false, value: null, problem: 'shape', failure: null })).toEqual({ tone: 'warning', key: 'problem.shape' });
    expect(fieldHint({ empty: true, value: null, problem: 'empty', failure: null })).toEqual({ tone: null, key: null });
  });

  it('the bot ID counts as checked only once Yespo accepted a subscriber with it', () => {
    expect(appUuidUnchecked({ state: 'idle', pending: 0, failed: 0 })).toBe(true);
    expect(appUuidUnchecked({ state: 'paused-app-uuid', pending: 1, failed: 0, lastSuccessAt: 5 })).toBe(true);
    expect(appUuidUnchecked({ state: 'idle', pending: 0, failed: 0, lastSuccessAt: 5 })).toBe(false);
    expect(appUuidUnchecked(null)).toBe(true);
  });
});
