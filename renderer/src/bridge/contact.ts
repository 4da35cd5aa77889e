/**
 * Whether this tab still talks to the app it was opened from. Only the headless shell's tabs can lose
 * it (the shell stops, or restarts with a new link); the desktop window is always in contact.
 */
export type Contact = 'connected' | 'lost' | 'moved';

/** What a call to the app's address found: this app, an app that does not know this tab's session, or nothing. */
export type Probe = 'this-app' | 'other-app' | 'silent';

/** Nothing at the address for this long: the app has most likely started elsewhere, with a new link. */
export const SILENCE_BEFORE_NEW_LINK_MS = 30_000;

/** `status` is the HTTP status of the probe's answer, or null when nothing answered. */
export function probeOf(status: number | null): Probe {
  if (status === null) return 'silent';
  return status === 401 || status === 403 ? 'other-app' : 'this-app';
}

/** The tab keeps reconnecting either way; `moved` only changes what it asks her to do. */
export function contactAfterProbe(probe: Probe, silentForMs: number): Contact {
  if (probe === 'other-app') return 'moved';
  if (probe === 'silent' && silentForMs >= SILENCE_BEFORE_NEW_LINK_MS) return 'moved';
  return 'lost';
}

/** 0.5 s doubling to 15 s, spread ±20 % by `random` (0..1) so many tabs don't reconnect in step after a restart. */
export function reconnectDelay(attempt: number, random: number): number {
  return Math.round(Math.min(15_000, 500 * 2 ** attempt) * (0.8 + random * 0.4));
}

/** What the screens say instead of the app's status: nothing, lost contact, or "open the new link". A first call that failed counts as lost. */
export function contactProblem(contact: Contact, unreachable: boolean): Exclude<Contact, 'connected'> | null {
  if (contact !== 'connected') return contact;
  return unreachable ? 'lost' : null;
}
