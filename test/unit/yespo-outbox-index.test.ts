import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../electron/core/store/schema.js';
import { OutboxIndex } from '../../electron/core/yespo/outbox-index.js';

function item(chatId: number, due: number, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { id: `token:1:${chatId}`, kind: 'token', botId: 1, chatId, createdAt: 0, attempts: 0, nextAttemptAt: due, state: 'waiting', ...extra };
}

function setup(items: OutboxItem[]) {
  const outbox = new Map(items.map((i) => [i.id, i]));
  const index = new OutboxIndex(outbox);
  index.rebuild();
  return { outbox, index };
}

describe('OutboxIndex', () => {
  it('hands out due items earliest first, claimed until released', () => {
    const { index } = setup([item(1, 30), item(2, 10), item(3, 20), item(4, 1_000)]);
    expect(index.take('token', 100, 2).map((i) => i.chatId)).toEqual([2, 3]);
    expect(index.take('token', 100, 5).map((i) => i.chatId)).toEqual([1]);
    expect(index.nextDue()).toBe(1_000);
    index.release('token:1:2');
    expect(index.take('token', 100, 5).map((i) => i.chatId)).toEqual([2]);
  });

  it('keeps kinds apart', () => {
    const { index } = setup([item(1, 0), item(2, 0, { id: 'contact:1:2', kind: 'contact' })]);
    expect(index.take('other', 10, 5).map((i) => i.id)).toEqual(['contact:1:2']);
    expect(index.take('token', 10, 5).map((i) => i.id)).toEqual(['token:1:1']);
  });

  it('skips an item changed or removed in the store, and finds the new value on a rebuild', () => {
    const { outbox, index } = setup([item(1, 0), item(2, 0), item(3, 0)]);
    outbox.delete('token:1:1');
    outbox.set('token:1:2', item(2, 500));
    expect(index.take('token', 10, 5).map((i) => i.chatId)).toEqual([3]);
    index.rebuild();
    expect(index.take('token', 10, 5)).toEqual([]);
    expect(index.take('token', 600, 5).map((i) => i.chatId)).toEqual([2]);
  });

  it('re-indexes a released item at its new due time, or the one given', () => {
    const { outbox, index } = setup([item(1, 0)]);
    const [taken] = index.take('token', 0, 1);
    outbox.set(taken.id, { ...taken, attempts: 1, nextAttemptAt: 50 });
    index.release(taken.id);
    expect(index.nextDue()).toBe(50);
    const [again] = index.take('token', 50, 1);
    index.release(again.id, 70);
    expect(index.nextDue()).toBe(70);
  });

  it('counts waiting tokens, waiting items and failed ones, and keeps the counts with account()', () => {
    const { outbox, index } = setup([item(1, 0), item(2, 0, { state: 'failed' }), item(3, 0, { id: 'mute:1:3', kind: 'mute' })]);
    expect(index.counts).toEqual({ waitingTokens: 1, waiting: 2, failed: 1 });
    const before = outbox.get('token:1:1');
    outbox.delete('token:1:1');
    index.account(before, undefined);
    expect(index.counts).toEqual({ waitingTokens: 0, waiting: 1, failed: 1 });
    index.rebuild();
    expect(index.counts).toEqual({ waitingTokens: 0, waiting: 1, failed: 1 });
  });

  it('makes every retry due at once for a "sync now", but keeps a push held for an answer held', () => {
    const { index } = setup([item(1, 5_000, { attempts: 1 }), item(2, 9_000, { attempts: 3 }), item(3, 7_000)]);
    expect(index.take('token', 100, 5)).toEqual([]);
    index.rebuild(100);
    expect(index.take('token', 100, 5).map((i) => i.chatId)).toEqual([1, 2]);
    expect(index.take('token', 7_000, 5).map((i) => i.chatId)).toEqual([3]);
  });

  it('does not index a claimed item on a rebuild', () => {
    const { index } = setup([item(1, 0)]);
    index.take('token', 0, 1);
    index.rebuild();
    expect(index.take('token', 0, 1)).toEqual([]);
    expect(index.isClaimed('token:1:1')).toBe(true);
  });

  it('takes batches without walking the outbox: the cost of a batch does not grow with the queue', () => {
    class CountingMap extends Map<string, OutboxItem> {
      walks = 0;
      override [Symbol.iterator]() {
        this.walks++;
        return super[Symbol.iterator]();
      }
      override entries() {
        this.walks++;
        return super.entries();
      }
      override values() {
        this.walks++;
        return super.values();
      }
    }
    const outbox = new CountingMap(Array.from({ length: 100_000 }, (_, i) => [`token:1:${i}`, item(i, i)] as [string, OutboxItem]));
    const index = new OutboxIndex(outbox);
    index.rebuild();
    const walksAfterBuild = outbox.walks;
    let taken = 0;
    for (;;) {
      const batch = index.take('token', Number.MAX_SAFE_INTEGER, 100);
      if (!batch.length) break;
      taken += batch.length;
      index.nextDue();
    }
    expect(taken).toBe(100_000);
    expect(outbox.walks).toBe(walksAfterBuild);
  });
});
