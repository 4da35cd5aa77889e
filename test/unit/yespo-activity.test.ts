import { describe, expect, it } from 'vitest';
import type { StoredSubscriber } from '../../electron/core/store/schema.js';
import { activityFailureId, activityWindow, isBlockedReason, isMutedReason, PushedIndex } from '../../electron/core/yespo/activity.js';

const DAY = 86_400_000;

function sub(chatId: number, pushed?: StoredSubscriber['pushed']): StoredSubscriber {
  return {
    botId: 1,
    chatId,
    firstName: 'N',
    state: 'active',
    firstStartAt: 0,
    lastStartAt: 0,
    yespo: { state: 'synced' },
    tokenInYespo: true,
    pushed,
  };
}

describe('activityWindow', () => {
  const now = Date.parse('2025-06-15T12:00:00Z');

  it('starts a day before the last read, to cover Yespo’s time zone', () => {
    expect(activityWindow(now, Date.parse('2025-06-15T08:00:00Z'), undefined)).toEqual({ dateFrom: '2025-06-14', dateTo: '2025-06-15' });
  });

  it('starts at the earliest push on the first read', () => {
    expect(activityWindow(now, undefined, Date.parse('2025-06-01T10:00:00Z'))).toEqual({ dateFrom: '2025-05-31', dateTo: '2025-06-15' });
    expect(activityWindow(now, undefined, undefined)).toEqual({ dateFrom: '2025-06-14', dateTo: '2025-06-15' });
  });

  it('never asks for more than three months', () => {
    const w = activityWindow(now, now - 400 * DAY, undefined);
    const from = Date.parse(w.dateFrom);
    const limit = new Date(from);
    limit.setUTCMonth(limit.getUTCMonth() + 3);
    expect(Date.parse(w.dateTo)).toBeLessThanOrEqual(limit.getTime());
    expect(w.dateFrom).toBe('2025-03-19');
  });

  it('stays inside three months at month ends', () => {
    for (const d of ['2025-03-01', '2025-05-31', '2024-02-29', '2025-12-31']) {
      const t = Date.parse(`${d}T23:00:00Z`);
      const w = activityWindow(t, 0, undefined);
      const limit = new Date(Date.parse(w.dateFrom));
      limit.setUTCMonth(limit.getUTCMonth() + 3);
      expect(Date.parse(w.dateTo)).toBeLessThanOrEqual(limit.getTime());
    }
  });
});

describe('isBlockedReason', () => {
  it('recognises Telegram’s block and deactivation', () => {
    expect(isBlockedReason('Forbidden: bot was blocked by the user')).toBe(true);
    expect(isBlockedReason('Forbidden: user is deactivated')).toBe(true);
    expect(isBlockedReason('Bad Request: message is too long')).toBe(false);
    expect(isBlockedReason(undefined)).toBe(false);
  });
});

describe('isMutedReason', () => {
  it('recognises a send skipped for a muted channel, and nothing else', () => {
    expect(isMutedReason('CHANNEL_WAS_MUTED')).toBe(true);
    expect(isMutedReason('Channel was muted until 2026-12-31')).toBe(true);
    expect(isMutedReason('Forbidden: bot was blocked by the user')).toBe(false);
    expect(isMutedReason(undefined)).toBe(false);
  });
});

describe('activityFailureId', () => {
  it('uses the row’s offset, else a stable hash', () => {
    expect(activityFailureId({ offset: 'abc' })).toBe('undelivered:abc');
    const row = { iid: 'x', activityDateTime: '2025-01-01T00:00:00Z', externalCustomerId: 'tg-1' };
    expect(activityFailureId(row)).toBe(activityFailureId({ ...row }));
    expect(activityFailureId(row)).not.toBe(activityFailureId({ ...row, iid: 'y' }));
  });
});

describe('PushedIndex', () => {
  const subs = [
    sub(1, { externalCustomerId: 'tg-1', at: 100 }),
    sub(2, { phone: '380501234567', email: 'two@example.com', at: 200 }),
    sub(3, { contactId: 555, at: 300 }),
    sub(4, { email: 'Shared@Example.com', at: 400 }),
    sub(5, { email: 'shared@example.com', at: 500 }),
    sub(6),
  ];
  const index = new PushedIndex(subs);

  it('maps rows back by externalCustomerId, contactId, phone (sms) and email', () => {
    expect(index.match({ externalCustomerId: 'tg-1', contactId: 99 }, 1_000)?.chatId).toBe(1);
    expect(index.match({ contactId: 555 }, 1_000)?.chatId).toBe(3);
    expect(index.match({ sms: '+380501234567', externalCustomerId: 'shop-9' }, 1_000)?.chatId).toBe(2);
    expect(index.match({ email: 'TWO@example.com' }, 1_000)?.chatId).toBe(2);
    expect(index.match({ externalCustomerId: 'nobody' }, 1_000)).toBeUndefined();
  });

  it('gives a row for a shared contact to the subscriber pushed last before it', () => {
    expect(index.match({ email: 'shared@example.com' }, 450)?.chatId).toBe(4);
    expect(index.match({ email: 'shared@example.com' }, 600)?.chatId).toBe(5);
  });

  it('knows the earliest push', () => {
    expect(index.earliestPush).toBe(100);
  });
});
