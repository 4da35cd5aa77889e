import type { StoredSubscriber } from '../store/schema.js';

const MINUTE_MS = 60_000;

/**
 * When a subscriber's token push may go. While the bot waits for the phone or email it has just
 * asked for, the push waits too, for at most `waitMinutes`: sent earlier, the token would land on a
 * new anonymous contact before the answer could find the customer's existing one, and Yespo never
 * moves a token it has added. A signed website link already names the contact, so it never waits;
 * any other message (an answer, a refusal, something else) lets the push go at once.
 */
export function tokenDueAt(s: Pick<StoredSubscriber, 'awaiting' | 'signedIdentity'>, justAsked: boolean, waitMinutes: number, now: number): number {
  return justAsked && s.awaiting && !s.signedIdentity ? now + waitMinutes * MINUTE_MS : now;
}
