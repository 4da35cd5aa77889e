import type { Subscriber } from '../contract/types.js';
import type { StoredSubscriber } from '../store/schema.js';
import { identityOf } from '../yespo/identity.js';

/** The part of a stored subscriber the UI may see. */
export function publicSubscriber(s: StoredSubscriber, externalIdPrefix: string): Subscriber {
  const { tokenInYespo: _t, pushed: _p, signedIdentity: _s, awaiting: _a, ...rest } = s;
  return { ...rest, identity: identityOf(s, externalIdPrefix) };
}
