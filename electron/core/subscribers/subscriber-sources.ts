import type { SignedLink, SubscriberSources } from '../contract/types.js';
import { payloadNames } from '../links/signing.js';
import type { StoredSubscriber } from '../store/schema.js';
import { IMPORT_SOURCE } from './import-subscribers.js';

/**
 * Where a stored subscriber came from as the UI may see it. A signed link's payload is the
 * customer's key to the bot, so it is never shown as a tag: `signedLink` says whom it named.
 */
export function publicSource(s: Pick<StoredSubscriber, 'source' | 'signedIdentity'>): { source?: string; signedLink?: SignedLink } {
  const { source, signedIdentity } = s;
  const out: { source?: string; signedLink?: SignedLink } = {};
  // An imported external id is the shop's word, not a link's: the identity shows it, not the source.
  if (signedIdentity && source !== IMPORT_SOURCE) out.signedLink = signedIdentity;
  if (source && !(signedIdentity && payloadNames(source, signedIdentity))) out.source = source;
  return out;
}

/** The source filter's options: every tag with its count, the signed links, and those with neither. */
export function sourceCounts(subscribers: Iterable<{ botId: number; s: StoredSubscriber }>, botId: number | null): SubscriberSources {
  const tags = new Map<string, number>();
  let signed = 0;
  let none = 0;
  for (const e of subscribers) {
    if (botId !== null && e.botId !== botId) continue;
    const { source, signedLink } = publicSource(e.s);
    if (signedLink) signed++;
    if (typeof source === 'string') tags.set(source, (tags.get(source) ?? 0) + 1);
    if (!signedLink && !source) none++;
  }
  const list = [...tags].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return { tags: list, signed, none };
}
