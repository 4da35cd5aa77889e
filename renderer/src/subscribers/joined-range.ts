import type { SubscriberQuery } from '../../../electron/core/contract/types.js';

/**
 * The date picker's two days as the query's joined range, in local days: from the first day's
 * midnight to the midnight after the last day (a day with a clock change is 23 or 25 hours long).
 */
export function joinedRange(days: readonly [number, number] | null): Pick<SubscriberQuery, 'joinedFrom' | 'joinedTo'> {
  if (!days) return {};
  const [first, last] = days[0] <= days[1] ? days : [days[1], days[0]];
  const from = new Date(first);
  from.setHours(0, 0, 0, 0);
  const to = new Date(last);
  to.setHours(0, 0, 0, 0);
  to.setDate(to.getDate() + 1);
  return { joinedFrom: from.getTime(), joinedTo: to.getTime() };
}
