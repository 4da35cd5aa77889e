import type { MustActCode } from '../contract/types.js';
import { CLEAR_AFTER_MS } from './notification-rules.js';

/** A must-act state is told in Telegram once it lasts this long: shorter ones fix themselves or are seen on the desktop. */
export const ALERT_AFTER_MS = 15 * 60_000;

export interface TrackedState {
  since: number;
  /** The "needs you" message was queued; a "cleared" one follows when the state ends. */
  alerted: boolean;
  goneSince?: number;
}

export type TrackedStates = Partial<Record<MustActCode, TrackedState>>;

export interface AlertMessage {
  code: MustActCode;
  kind: 'raised' | 'cleared';
  since: number;
}

/**
 * What to tell the owner's chat now. A state is alerted once it has lasted ALERT_AFTER_MS, and
 * cleared once it has been gone CLEAR_AFTER_MS (a state that ends before its alert is never told).
 * Pure; `nextCheckAt` is when the answer may change without any change in the states.
 */
export function alertSteps(previous: TrackedStates, current: readonly MustActCode[], now: number): { tracked: TrackedStates; send: AlertMessage[]; nextCheckAt?: number } {
  const tracked: TrackedStates = {};
  const send: AlertMessage[] = [];
  const checks: number[] = [];
  for (const code of current) {
    const before = previous[code];
    const state: TrackedState = { since: before?.since ?? now, alerted: before?.alerted ?? false };
    if (!state.alerted) {
      if (now - state.since >= ALERT_AFTER_MS) {
        state.alerted = true;
        send.push({ code, kind: 'raised', since: state.since });
      } else {
        checks.push(state.since + ALERT_AFTER_MS);
      }
    }
    tracked[code] = state;
  }
  for (const [code, before] of Object.entries(previous) as Array<[MustActCode, TrackedState]>) {
    if (tracked[code]) continue;
    const goneSince = before.goneSince ?? now;
    if (now - goneSince < CLEAR_AFTER_MS) {
      tracked[code] = { ...before, goneSince };
      checks.push(goneSince + CLEAR_AFTER_MS);
    } else if (before.alerted) {
      send.push({ code, kind: 'cleared', since: before.since });
    }
  }
  return { tracked, send, nextCheckAt: checks.length ? Math.min(...checks) : undefined };
}
