import { COLLECTIONS } from '../store/schema.js';

export interface RestorePut {
  c: string;
  k: string;
  v: unknown;
}

export interface RestorePlan {
  puts: RestorePut[];
  /** Subscribers taken from the backup, and those kept as they are now (arrived or changed since). */
  subscribers: { restored: number; kept: number };
}

const at = (item: unknown): number => (typeof item === 'object' && item !== null && typeof (item as { at?: unknown }).at === 'number' ? (item as { at: number }).at : 0);

/** A subscriber's story from both sides, each step once, in time order. */
function mergeStory(now: unknown[], backup: unknown[]): unknown[] {
  const seen = new Set(now.map((item) => JSON.stringify(item)));
  const merged = [...now, ...backup.filter((item) => !seen.has(JSON.stringify(item)))];
  return merged.sort((a, b) => at(a) - at(b));
}

/**
 * What a restore writes. Nothing here now is deleted or overwritten: whatever the engine holds is
 * newer than the backup (subscribers who pressed Start since, the poller's offset, the setup of the
 * secrets in the keychain), so the backup fills in only what is missing. Stories are merged.
 */
export function planRestore(current: (collection: string, key: string) => unknown, backup: ReadonlyMap<string, ReadonlyArray<[string, unknown]>>): RestorePlan {
  const puts: RestorePut[] = [];
  const subscribers = { restored: 0, kept: 0 };
  for (const [collection, records] of backup) {
    for (const [key, value] of records) {
      const now = current(collection, key);
      if (collection === COLLECTIONS.subscribers) {
        if (now === undefined) subscribers.restored++;
        else subscribers.kept++;
      }
      if (now === undefined) {
        puts.push({ c: collection, k: key, v: value });
      } else if (collection === COLLECTIONS.events && Array.isArray(now) && Array.isArray(value)) {
        const merged = mergeStory(now, value);
        if (merged.length !== now.length) puts.push({ c: collection, k: key, v: merged });
      }
    }
  }
  return { puts, subscribers };
}
