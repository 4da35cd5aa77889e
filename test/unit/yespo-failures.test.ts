import { describe, expect, it } from 'vitest';
import type { OutboxItem, StoredFailure, StoredSubscriber } from '../../electron/core/store/schema.js';
import type { DroppedFailures } from '../../electron/core/yespo/failure-cap.js';
import { buildFailureGroups, countUndeliveredSince } from '../../electron/core/yespo/failures.js';

function sub(chatId: number, extra: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return {
    botId: 1,
    chatId,
    firstName: `Name${chatId}`,
    state: 'active',
    firstStartAt: 1_000,
    lastStartAt: 1_000 + chatId,
    yespo: { state: 'pending' },
    tokenInYespo: false,
    ...extra,
  };
}

function item(chatId: number, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { id: `token:1:${chatId}`, kind: 'token', botId: 1, chatId, createdAt: 500, attempts: 0, nextAttemptAt: 500, state: 'waiting', ...extra };
}

function groups(subs: StoredSubscriber[], outbox: OutboxItem[], stored: StoredFailure[] = [], limit?: number, dropped?: DroppedFailures) {
  const byChat = new Map(subs.map((s) => [s.chatId, s]));
  return buildFailureGroups({ subscribers: subs, outbox, stored, subscriber: (_b, c) => byChat.get(c), dropped }, limit);
}

describe('buildFailureGroups', () => {
  it('returns nothing when nothing failed', () => {
    expect(groups([sub(1), sub(2)], [item(1), item(2)])).toEqual([]);
  });

  it('groups every cause, most actionable first, with retryable marked', () => {
    const subs = [
      sub(1, { state: 'blocked', blockedAt: 5_000 }),
      sub(2, { state: 'deleted', blockedAt: 6_000, lastName: 'Last' }),
      sub(3),
      sub(4),
      sub(5),
    ];
    const outbox = [
      item(3, { state: 'failed', attempts: 1, lastError: 'Invalid phone number: 12', lastAttemptAt: 7_000 }),
      item(4, { attempts: 3, nextAttemptAt: 9_000, lastError: 'Yespo is having trouble (503)', lastAttemptAt: 8_000 }),
      item(5),
    ];
    const stored: StoredFailure[] = [
      { id: 'undelivered:a', botId: 1, cause: 'yespo-undelivered', at: 4_000, chatId: 5, name: 'Name5', messageName: 'Spring sale', detail: 'Forbidden: bot was blocked by the user' },
      { id: 'reply:1', botId: 1, cause: 'reply-refused', at: 3_000, chatId: 4, detail: 'Forbidden' },
    ];
    const result = groups(subs, outbox, stored);
    expect(result.map((g) => [g.cause, g.count, g.retryable])).toEqual([
      ['yespo-rejected', 1, true],
      ['waiting-retry', 1, true],
      ['yespo-undelivered', 1, false],
      ['reply-refused', 1, false],
      ['blocked-bot', 1, false],
      ['account-deleted', 1, false],
    ]);
    const [rejected, waiting, undelivered, refused, blocked, deleted] = result;
    expect(rejected.items).toEqual([{ id: 'token:1:3', cause: 'yespo-rejected', at: 7_000, chatId: 3, name: 'Name3', detail: 'Invalid phone number: 12' }]);
    expect(waiting.items).toEqual([
      { id: 'token:1:4', cause: 'waiting-retry', at: 8_000, chatId: 4, name: 'Name4', detail: 'Yespo is having trouble (503)', nextAttemptAt: 9_000 },
    ]);
    expect(undelivered.items[0]).toEqual({ id: 'undelivered:a', cause: 'yespo-undelivered', at: 4_000, chatId: 5, name: 'Name5', messageName: 'Spring sale', detail: 'Forbidden: bot was blocked by the user' });
    // A stored failure without a name borrows it from the subscriber; the bot id stays inside.
    expect(refused.items[0]).toEqual({ id: 'reply:1', cause: 'reply-refused', at: 3_000, chatId: 4, detail: 'Forbidden', name: 'Name4' });
    expect(blocked.items[0]).toMatchObject({ cause: 'blocked-bot', chatId: 1, at: 5_000, name: 'Name1' });
    expect(deleted.items[0]).toMatchObject({ cause: 'account-deleted', chatId: 2, at: 6_000, name: 'Name2 Last' });
  });

  it('lists the newest first and at most the limit, counting all', () => {
    const subs = Array.from({ length: 10 }, (_, i) => sub(i + 1, { state: 'blocked', blockedAt: 100 * (i + 1) }));
    const [blocked] = groups(subs, [], [], 3);
    expect(blocked.count).toBe(10);
    expect(blocked.items.map((f) => f.chatId)).toEqual([10, 9, 8]);
  });

  it('caps items at 500 by default', () => {
    const subs = Array.from({ length: 600 }, (_, i) => sub(i + 1, { state: 'blocked', blockedAt: i }));
    const [blocked] = groups(subs, []);
    expect(blocked.count).toBe(600);
    expect(blocked.items).toHaveLength(500);
  });

  it('shows items of every kind that Yespo refused, without a name when the subscriber is gone', () => {
    const outbox = [item(8, { id: 'contact:1:8', kind: 'contact', state: 'failed', attempts: 1, lastError: 'Invalid email: x' })];
    const [rejected] = groups([], outbox);
    expect(rejected.items).toEqual([{ id: 'contact:1:8', cause: 'yespo-rejected', at: 500, chatId: 8, detail: 'Invalid email: x' }]);
  });

  it('says how many older failures of a kind were dropped to keep the stored list bounded', () => {
    const stored: StoredFailure[] = [{ id: 'undelivered:1', botId: 1, cause: 'yespo-undelivered', at: 5_000, chatId: 1 }];
    const [undelivered] = groups([sub(1)], [], stored, undefined, { 'yespo-undelivered': 1_234, 'reply-refused': 3 });
    expect(undelivered).toMatchObject({ cause: 'yespo-undelivered', count: 1, dropped: 1_234 });
    const [plain] = groups([sub(1)], [], stored);
    expect(plain.dropped).toBeUndefined();
  });
});

describe('failed newsletters counted for the home screen', () => {
  const failure = (id: string, cause: StoredFailure['cause'], at: number): StoredFailure => ({ id, botId: 1, cause, at, chatId: 1 });

  it('counts only Yespo\'s undelivered reports from the given moment on', () => {
    const stored = [
      failure('a', 'yespo-undelivered', 1_000),
      failure('b', 'yespo-undelivered', 999),
      failure('c', 'reply-refused', 2_000),
      failure('d', 'yespo-undelivered', 5_000),
    ];
    expect(countUndeliveredSince(stored, 1_000)).toBe(2);
    expect(countUndeliveredSince(stored, 5_001)).toBe(0);
  });
});
