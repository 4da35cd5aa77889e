import type { Subscriber } from '../contract/types.js';
import type { StoredSubscriber } from '../store/schema.js';
import { identityOf, identityReasonOf } from '../yespo/identity.js';

/** The part of a stored subscriber the UI may see. */
export function publicSubscriber(s: StoredSubscriber, externalIdPrefix: string): Subscriber {
  const { tokenInYespo: _t, pushed: _p, signedIdentity: _s, awaiting: _a, tokenLookup: _l, ...rest } = s;
  return { ...rest, identity: identityOf(s, externalIdPrefix), identityReason: identityReasonOf(s, externalIdPrefix) };
}
