import type { MustActCode } from '../contract/types.js';
import type { MustAct } from './must-act.js';

/**
 * A state that goes away for less than this and comes back is the same state: a restart, a poll
 * that has not answered yet, or a flapping connection must not notify twice.
 */
export const CLEAR_AFTER_MS = 60_000;

/** The must-act states already notified, and since when each has been gone (while it may come back). */
export type NotifiedStates = Partial<Record<MustActCode, { goneSince?: number }>>;

/**
 * Which desktop notifications to show: one for each state entered since the last call, none for a
 * state already notified. Pure; the caller keeps `next` (persisted, so a restart does not repeat them).
 */
export function notificationsToShow(previous: NotifiedStates, current: readonly MustAct[], now: number): { show: MustAct[]; next: NotifiedStates } {
  const next: NotifiedStates = {};
  const show: MustAct[] = [];
  for (const state of current) {
    if (!previous[state.code]) show.push(state);
    next[state.code] = {};
  }
  for (const [code, entry] of Object.entries(previous) as Array<[MustActCode, { goneSince?: number }]>) {
    if (next[code]) continue;
    const goneSince = entry.goneSince ?? now;
    if (now - goneSince < CLEAR_AFTER_MS) next[code] = { goneSince };
  }
  return { show, next };
}
