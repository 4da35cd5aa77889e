import type { SourceFilter } from '../contract/types.js';
import type { StoredSubscriber } from '../store/schema.js';
import { publicSource } from './subscriber-sources.js';

/** Whether a subscriber came from where the source filter asks, as the table shows their source. */
export function sourceMatches(s: Pick<StoredSubscriber, 'source' | 'signedIdentity'>, filter: SourceFilter): boolean {
  const { source, signedLink } = publicSource(s);
  switch (filter.kind) {
    case 'none':
      return !source && !signedLink;
    case 'signed':
      return !!signedLink;
    case 'tag':
      return source === filter.tag;
  }
}

/** Whether a first /start at `at` falls in [from, to): either end may be left open. */
export function joinedWithin(at: number, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || at >= from) && (to === undefined || at < to);
}
