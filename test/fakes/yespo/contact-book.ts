export interface AppTokenRef {
  appUuid: string;
  token: string;
}

export interface FakeContact {
  id: number;
  externalCustomerId?: string;
  phone?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  tokens: AppTokenRef[];
}

/** The identifiers Yespo matches a contact by; empty strings must already be dropped. */
export interface Identifiers {
  contactId?: number;
  externalCustomerId?: string;
  phone?: string;
  email?: string;
}

const PHONE = /^\+?\d{7,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const phoneKey = (phone: string): string => phone.replace(/^\+/, '');
const emailKey = (email: string): string => email.trim().toLowerCase();
const tokenKey = (appUuid: string, token: string): string => `${appUuid}\n${token}`;

/** Yespo refuses contacts whose phone or email it cannot use as a channel. */
export function identifierProblem(ids: Identifiers): string | null {
  if (ids.phone !== undefined && !PHONE.test(ids.phone)) return `Invalid phone number: ${ids.phone}`;
  if (ids.email !== undefined && !EMAIL.test(ids.email.trim())) return `Invalid email: ${ids.email}`;
  return null;
}

/**
 * Contacts with every identifier indexed, so a 100,000-token benchmark matches in O(1) per item.
 * Each identifier and each (app, token) pair belongs to at most one contact.
 */
export class ContactBook {
  readonly contacts: FakeContact[] = [];
  private readonly byId = new Map<number, FakeContact>();
  private readonly byExternalId = new Map<string, FakeContact>();
  private readonly byPhone = new Map<string, FakeContact>();
  private readonly byEmail = new Map<string, FakeContact>();
  private readonly byToken = new Map<string, FakeContact>();
  private nextId = 100_000_001;

  getById(id: number): FakeContact | undefined {
    return this.byId.get(id);
  }

  /** Yespo's documented search order: contactId → externalCustomerId → phone → email. */
  find(ids: Identifiers): FakeContact | undefined {
    return (
      (ids.contactId !== undefined ? this.byId.get(ids.contactId) : undefined) ??
      (ids.externalCustomerId !== undefined ? this.byExternalId.get(ids.externalCustomerId) : undefined) ??
      (ids.phone !== undefined ? this.byPhone.get(phoneKey(ids.phone)) : undefined) ??
      (ids.email !== undefined ? this.byEmail.get(emailKey(ids.email)) : undefined)
    );
  }

  /** Yespo assigns contact ids itself, so a given contactId is never used for a new contact. */
  create(ids: Omit<Identifiers, 'contactId'>): FakeContact {
    const contact: FakeContact = { id: this.nextId++, tokens: [] };
    this.contacts.push(contact);
    this.byId.set(contact.id, contact);
    if (ids.externalCustomerId !== undefined) this.setExternalId(contact, ids.externalCustomerId);
    if (ids.phone !== undefined) this.setPhone(contact, ids.phone);
    if (ids.email !== undefined) this.setEmail(contact, ids.email);
    return contact;
  }

  /** Idempotent for the same contact; a token another contact held moves, as a chat belongs to one person. */
  addToken(contact: FakeContact, appUuid: string, token: string): void {
    const key = tokenKey(appUuid, token);
    const holder = this.byToken.get(key);
    if (holder === contact) return;
    if (holder) holder.tokens = holder.tokens.filter((t) => !(t.appUuid === appUuid && t.token === token));
    contact.tokens.push({ appUuid, token });
    this.byToken.set(key, contact);
  }

  holderOf(appUuid: string, token: string): FakeContact | undefined {
    return this.byToken.get(tokenKey(appUuid, token));
  }

  /** Drops the token from every app; returns how many (app, token) pairs were removed. */
  removeToken(token: string): number {
    let removed = 0;
    for (const [key, contact] of this.byToken) {
      if (!key.endsWith(`\n${token}`)) continue;
      const before = contact.tokens.length;
      contact.tokens = contact.tokens.filter((t) => t.token !== token);
      removed += before - contact.tokens.length;
      this.byToken.delete(key);
    }
    return removed;
  }

  setExternalId(contact: FakeContact, externalCustomerId: string): void {
    this.move(this.byExternalId, contact.externalCustomerId, externalCustomerId, contact, 'externalCustomerId');
    contact.externalCustomerId = externalCustomerId;
  }

  setPhone(contact: FakeContact, phone: string): void {
    this.move(this.byPhone, contact.phone && phoneKey(contact.phone), phoneKey(phone), contact, 'phone');
    contact.phone = phone;
  }

  setEmail(contact: FakeContact, email: string): void {
    this.move(this.byEmail, contact.email && emailKey(contact.email), emailKey(email), contact, 'email');
    contact.email = email.trim();
  }

  private move(
    index: Map<string, FakeContact>,
    oldKey: string | undefined,
    newKey: string,
    contact: FakeContact,
    field: 'externalCustomerId' | 'phone' | 'email',
  ): void {
    if (oldKey !== undefined) index.delete(oldKey);
    const previous = index.get(newKey);
    if (previous && previous !== contact) delete previous[field];
    index.set(newKey, contact);
  }
}
