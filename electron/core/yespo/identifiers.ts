import type { IdentityKind } from '../contract/types.js';

export interface IdentitySource {
  chatId: number;
  phone?: string;
  email?: string;
  signedIdentity?: { kind: 'contactId' | 'externalCustomerId'; value: string };
}

/**
 * Which identifier finds this subscriber's contact in Yespo: a signed deep link (the website knows
 * the customer), then their own phone, then the typed email, else a stable id made from the chat id
 * so Yespo's delivery reports map back exactly.
 */
export function chooseIdentity(s: IdentitySource, externalIdPrefix: string): { kind: IdentityKind; value: string } {
  if (s.signedIdentity) return { kind: s.signedIdentity.kind, value: s.signedIdentity.value };
  if (s.phone) return { kind: 'phone', value: s.phone };
  if (s.email) return { kind: 'email', value: s.email };
  return { kind: 'externalCustomerId', value: anonymousExternalId(s.chatId, externalIdPrefix) };
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
