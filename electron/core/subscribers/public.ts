import type { Subscriber, SubscriberEvent } from '../contract/types.js';
import { payloadNames } from '../links/signing.js';
import type { StoredEvent, StoredSubscriber } from '../store/schema.js';
import { publicSource } from './subscriber-sources.js';
import { identityOf, identityReasonOf } from '../yespo/identity.js';

/**
 * The part of a stored subscriber the UI may see. A signed link's payload stays in the engine: it is
 * the customer's key to the bot, and `signedLink` says who it named.
 */
export function publicSubscriber(s: StoredSubscriber, externalIdPrefix: string): Subscriber {
  const { tokenInYespo: _t, pushed: _p, signedIdentity: _i, awaiting: _a, tokenLookup: _l, source: _s, ...rest } = s;
  return { ...rest, ...publicSource(s), identity: identityOf(s, externalIdPrefix), identityReason: identityReasonOf(s, externalIdPrefix) };
}

/** One entry of the story as the UI sees it: a start through the signed link names the customer. */
export function publicEvent(e: StoredEvent, s: Pick<StoredSubscriber, 'signedIdentity'>): SubscriberEvent {
  if (e.type !== 'started' || !e.detail || !s.signedIdentity || !payloadNames(e.detail, s.signedIdentity)) return e;
  const { detail: _payload, ...rest } = e;
  return { ...rest, signedLink: s.signedIdentity };
}
