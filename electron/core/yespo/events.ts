/**
 * Events for Yespo (`POST /v2/event`): what is queued for each, and the body sent. An event applies
 * only to an existing contact, so it names the contact by exactly what the token push sent.
 */
import { YESPO_EVENT_KEYS } from '../contract/yespo-events.js';
import type { EventDraft, StoredSubscriber } from '../store/schema.js';

export interface YespoEventBody {
  eventTypeKey: string;
  params: Array<{ name: string; value: string }>;
}

type Sent = Pick<StoredSubscriber, 'chatId' | 'pushed' | 'signedIdentity'>;

/** How the pushed contact was found: what a shop segments by. */
export function identifiedBy(s: Sent): 'signed-link' | 'phone' | 'email' | 'anonymous' {
  const p = s.pushed;
  if (p?.contactId !== undefined || (p?.externalCustomerId !== undefined && p.externalCustomerId === s.signedIdentity?.value)) return 'signed-link';
  if (p?.phone) return 'phone';
  if (p?.email) return 'email';
  return 'anonymous';
}

function defined(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

export function buttonEvent(data: string): EventDraft {
  return { kind: 'button', params: { data } };
}

/** A signed payload holds a customer's id: the event says only that a personal link was used. */
export function joinEvent(j: { payload?: string; signed: boolean; languageCode?: string }): EventDraft {
  const sourceKind = j.signed ? 'signed-link' : j.payload ? 'tag' : 'none';
  const source = j.signed ? 'signed-link' : j.payload;
  return { kind: 'joined', params: defined({ source, sourceKind, language: j.languageCode }) };
}

export function leaveEvent(reason: 'blocked' | 'stop', languageCode?: string): EventDraft {
  return { kind: 'left', params: defined({ reason, language: languageCode }) };
}

/** The body for Yespo, or null while nothing was pushed (there is no contact to apply it to yet). */
export function eventBody(draft: EventDraft, s: Sent): YespoEventBody | null {
  const p = s.pushed;
  if (!p) return null;
  const ids = defined({
    contactId: p.contactId === undefined ? undefined : String(p.contactId),
    externalCustomerId: p.externalCustomerId,
    phone: p.phone,
    email: p.email,
  });
  if (Object.keys(ids).length === 0) return null;
  const params = { ...ids, chatId: String(s.chatId), identifiedBy: identifiedBy(s), ...draft.params };
  return { eventTypeKey: YESPO_EVENT_KEYS[draft.kind], params: Object.entries(params).map(([name, value]) => ({ name, value })) };
}
