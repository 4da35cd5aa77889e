import { expect, it } from 'vitest';
import type { SubscriberEvent } from '../../electron/core/contract/types.js';
import { boundStoredList, capHistory, HISTORY_LIMIT } from '../../electron/core/subscribers/history-cap.js';
import { COLLECTIONS } from '../../electron/core/store/schema.js';

const presses = (from: number, count: number): SubscriberEvent[] =>
  Array.from({ length: count }, (_, i) => ({ at: from + i, type: 'button-pressed', detail: `b${from + i}` }));

it('leaves a history within the limit as it is', () => {
  const events = presses(0, 5);
  expect(capHistory(events, 5)).toBe(events);
});

it('keeps the first /start and the newest others, the limit in all', () => {
  const started: SubscriberEvent = { at: 0, type: 'started', detail: 'shop-window' };
  const capped = capHistory([started, ...presses(1, 10)], 4);
  expect(capped).toEqual([started, ...presses(8, 3)]);
});

it('keeps an import as the first event too', () => {
  const imported: SubscriberEvent = { at: 0, type: 'imported' };
  expect(capHistory([imported, ...presses(1, 10)], 3)[0]).toEqual(imported);
});

it('without a joining event first, keeps only the newest', () => {
  expect(capHistory(presses(0, 10), 3)).toEqual(presses(7, 3));
});

it('bounds only the histories among stored lists', () => {
  const long = presses(0, HISTORY_LIMIT + 1);
  expect(boundStoredList(COLLECTIONS.events, long)).toHaveLength(HISTORY_LIMIT);
  expect(boundStoredList('other', long)).toBe(long);
});
