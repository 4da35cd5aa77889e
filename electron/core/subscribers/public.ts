import type { Subscriber, SubscriberEvent } from '../contract/types.js';
import { payloadNames } from '../links/signing.js';
import type { StoredEvent, StoredSubscriber } from '../store/schema.js';
import { IMPORT_SOURCE } from './import-subscribers.js';
import { identityOf, identityReasonOf } from '../yespo/identity.js';

/**
 * The part of a stored subscriber the UI may see. A signed link's payload stays in the engine: it is
 * the customer's key to the bot, and `signedLink` says who it named.
 */
export function publicSubscriber(s: StoredSubscriber, externalIdPrefix: string): Subscriber {
  const { tokenInYespo: _t, pushed: _p, signedIdentity, awaiting: _a, tokenLookup: _l, source, ...rest } = s;
  const out: Subscriber = { ...rest, identity: identityOf(s, externalIdPrefix), identityReason: identityReasonOf(s, externalIdPrefix) };
  // An imported external id is the shop's word, not a link's: the identity shows it, not the source.
  if (signedIdentity && source !== IMPORT_SOURCE) out.signedLink = signedIdentity;
  if (source && !(signedIdentity && payloadNames(source, signedIdentity))) out.source = source;
  return out;
}

/** One entry of the story as the UI sees it: a start through the signed link names the customer. */
export function publicEvent(e: StoredEvent, s: Pick<StoredSubscriber, 'signedIdentity'>): SubscriberEvent {
  if (e.type !== 'started' || !e.detail || !s.signedIdentity || !payloadNames(e.detail, s.signedIdentity)) return e;
  const { detail: _payload, ...rest } = e;
  return { ...rest, signedLink: s.signedIdentity };
}
