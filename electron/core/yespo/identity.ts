/**
 * Who a subscriber is to Yespo: the one place that decides which identifiers go with the token, so
 * what the screens show is always what is (or was) pushed.
 */
import type { IdentityKind, IdentityReason, Subscriber } from '../contract/types.js';
import type { StoredSubscriber } from '../store/schema.js';
import type { ContactUpdate, TokenEntry } from './client.js';

export interface IdentitySource {
  chatId: number;
  phone?: string;
  email?: string;
  signedIdentity?: { kind: 'contactId' | 'externalCustomerId'; value: string };
  /** The contact Yespo's token lookup says already holds this chat's token. */
  heldBy?: number;
}

export interface ChosenIdentity {
  kind: IdentityKind;
  value: string;
  reason: IdentityReason;
}

/**
 * Which identifier finds this subscriber's contact in Yespo: the contact that already holds the token
 * (Yespo never moves a token, so any other choice would put a second one on another contact), then a
 * signed deep link (the website knows the customer), their own phone, the typed email, else a stable
 * id made from the chat id so Yespo's delivery reports map back exactly.
 */
export function chooseIdentity(s: IdentitySource, externalIdPrefix: string): ChosenIdentity {
  if (s.heldBy !== undefined) return { kind: 'contactId', value: String(s.heldBy), reason: 'token-lookup' };
  if (s.signedIdentity) return { kind: s.signedIdentity.kind, value: s.signedIdentity.value, reason: 'signed-link' };
  if (s.phone) return { kind: 'phone', value: s.phone, reason: 'phone' };
  if (s.email) return { kind: 'email', value: s.email, reason: 'email' };
  return { kind: 'externalCustomerId', value: anonymousExternalId(s.chatId, externalIdPrefix), reason: 'anonymous' };
}

export function anonymousExternalId(chatId: number, prefix: string): string {
  return `${prefix}${chatId}`;
}

/** Yespo wants international digits with the country code, as its own plugins send them. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** A syntax check only: the address stays unverified. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim();
  if (email.length > 254) return null;
  return /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/.test(email) ? email : null;
}


export type PushedIdentifiers = Omit<NonNullable<StoredSubscriber['pushed']>, 'at' | 'reason'>;

type Source = Pick<StoredSubscriber, 'chatId' | 'phone' | 'email' | 'signedIdentity'>;

/**
 * The identifiers sent with a subscriber's token.
 *
 * Yespo looks a contact up by contactId → externalCustomerId → phone → email; when none matches it
 * creates a contact with every identifier given, and when one matches it only adds the token. So:
 *
 * - The chosen identity (signed deep link → phone → email → `${prefix}${chatId}`) goes first.
 * - The subscriber's own phone and email go along whenever known: if a signed id is unknown to Yespo
 *   the token still lands on the person's existing contact found by phone or email instead of a new
 *   duplicate (and a lone unknown contactId is refused outright), and a newly created contact gets
 *   both channels.
 * - The anonymous `${prefix}${chatId}` externalCustomerId is sent only when there is nothing else.
 *   Next to a phone or email it would be searched first and never match, so it could not improve the
 *   lookup; but on a new contact Yespo would store it as that contact's externalCustomerId, the field
 *   a shop's own integration fills with its customer numbers. Delivery reports do not need it either:
 *   their rows carry the contact's phone (`sms`) and email, which are exactly what was pushed.
 */
export function tokenEntryFor(
  sub: Source,
  externalIdPrefix: string,
  heldBy?: number,
): { entry: TokenEntry; identity: { kind: IdentityKind; value: string }; reason: IdentityReason; pushed: PushedIdentifiers } {
  const phone = sub.phone ? normalizePhone(sub.phone) ?? undefined : undefined;
  const email = sub.email ? normalizeEmail(sub.email) ?? undefined : undefined;
  // JSON numbers above 2^53 lose digits; such a contactId could only point at the wrong contact.
  const signed = sub.signedIdentity?.kind === 'contactId' && !Number.isSafeInteger(Number(sub.signedIdentity.value)) ? undefined : sub.signedIdentity;
  const { reason, ...identity } = chooseIdentity({ chatId: sub.chatId, phone, email, signedIdentity: signed, heldBy }, externalIdPrefix);

  const pushed: PushedIdentifiers = {};
  if (identity.kind === 'contactId') pushed.contactId = Number(identity.value);
  if (identity.kind === 'externalCustomerId') pushed.externalCustomerId = identity.value;
  if (phone) pushed.phone = phone;
  if (email) pushed.email = email;
  return { entry: { token: String(sub.chatId), ...pushed }, identity, reason, pushed };
}

/**
 * Which identifier found (or will find) the subscriber's Yespo contact: what was pushed, once it
 * was; until then exactly what `tokenEntryFor` would push now.
 */
export function identityOf(s: StoredSubscriber, externalIdPrefix: string): Subscriber['identity'] {
  const p = s.pushed;
  if (p?.contactId !== undefined) return { kind: 'contactId', value: String(p.contactId) };
  if (p?.externalCustomerId) return { kind: 'externalCustomerId', value: p.externalCustomerId };
  if (p?.phone) return { kind: 'phone', value: p.phone };
  if (p?.email) return { kind: 'email', value: p.email };
  return tokenEntryFor(s, externalIdPrefix).identity;
}

/**
 * Why the token went to the contact `identityOf` names: as recorded at the push, or for a push
 * recorded before reasons were, as its identifiers tell; until the push, why it would go there now.
 */
export function identityReasonOf(s: StoredSubscriber, externalIdPrefix: string): IdentityReason {
  const p = s.pushed;
  if (!p) return tokenEntryFor(s, externalIdPrefix).reason;
  if (p.reason) return p.reason;
  const signed = s.signedIdentity;
  if (p.contactId !== undefined || (signed?.kind === 'externalCustomerId' && p.externalCustomerId === signed.value)) return 'signed-link';
  if (p.externalCustomerId !== undefined) return 'anonymous';
  return p.phone ? 'phone' : p.email ? 'email' : 'anonymous';
}

/**
 * A contact update for a subscriber who shared a phone or email (or whose name is worth adding): it
 * finds the contact by what was pushed with the token. Without a pushed contactId or
 * externalCustomerId the phone and email channels themselves find it, since the token went out with
 * one of them. Null when there is nothing to identify the contact by.
 */
export function contactUpdateFor(sub: Pick<StoredSubscriber, 'firstName' | 'lastName' | 'phone' | 'email' | 'pushed'>): ContactUpdate | null {
  const update: ContactUpdate = {};
  if (sub.pushed?.contactId !== undefined) update.id = sub.pushed.contactId;
  else if (sub.pushed?.externalCustomerId !== undefined) update.externalCustomerId = sub.pushed.externalCustomerId;
  const phone = sub.phone ? normalizePhone(sub.phone) : null;
  const email = sub.email ? normalizeEmail(sub.email) : null;
  if (phone) update.phone = phone;
  if (email) update.email = email;
  if (update.id === undefined && update.externalCustomerId === undefined && !phone && !email) return null;
  if (sub.firstName) update.firstName = sub.firstName;
  if (sub.lastName) update.lastName = sub.lastName;
  return update;
}
