import { createHash } from 'node:crypto';
import { errorText } from '../error-text.js';
import type { Logger } from '../log.js';
import { Tx, type Store } from '../store/store.js';
import { COLLECTIONS, subscriberKey, type StoredEvent, type StoredFailure, type StoredSubscriber } from '../store/schema.js';
import type { ActivityRow, YespoClient } from './client.js';
import { capFailures } from './failure-cap.js';

/** Meta record `yespo-activity`: where the last read ended, and the cursor of a read in progress. */
export interface ActivityMeta {
  /** Epoch ms when the last complete read started; the next window starts from it. */
  lastReadAt?: number;
  /** Set while a read pages through a window, so a restart continues instead of starting over. */
  cursor?: { dateFrom: string; dateTo: string; offset: string };
}

export const ACTIVITY_META_KEY = 'yespo-activity';
const DAY = 86_400_000;
/** Yespo caps the period at three months; 88 days is inside that whatever the months are. */
const MAX_BACK_DAYS = 88;
const PAGE_ROWS = 1_000;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The dates to ask for. Yespo takes whole days in its own time zone, so the window starts a day
 * before the last read (rows already stored are recognised by their key) and never more than about
 * three months back. The first read starts at the earliest push.
 */
export function activityWindow(now: number, lastReadAt: number | undefined, earliestPush: number | undefined): { dateFrom: string; dateTo: string } {
  const start = lastReadAt !== undefined ? lastReadAt - DAY : (earliestPush ?? now) - DAY;
  const oldest = Date.parse(day(now)) - MAX_BACK_DAYS * DAY;
  return { dateFrom: day(Math.min(now, Math.max(start, oldest))), dateTo: day(now) };
}

/** Telegram's "Forbidden: bot was blocked by the user" / "user is deactivated": Yespo then drops the token. */
export function isBlockedReason(text: string | undefined): boolean {
  return !!text && /forbidden|blocked by the user|user is deactivated/i.test(text);
}

/**
 * A send skipped because the subscriber's channel is muted (they left with /stop, or the owner
 * muted them) is what they asked for, not a delivery failure.
 */
export function isMutedReason(text: string | undefined): boolean {
  return !!text && /CHANNEL_WAS_MUTED|channel was muted/i.test(text);
}

/** One stored failure per activity row, whatever the number of reads that return it. */
export function activityFailureId(row: ActivityRow): string {
  if (row.offset) return `undelivered:${row.offset}`;
  const basis = [row.iid, row.activityDateTime, row.contactId, row.externalCustomerId, row.sms, row.email, row.messageName].join('\u0000');
  return `undelivered:${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

const phoneKey = (p: string): string => p.replace(/\D/g, '');
const emailKey = (e: string): string => e.trim().toLowerCase();

/**
 * Subscribers by the identifiers their tokens were pushed with. Activity rows carry the contact's
 * identifiers, not the chat, so this is how a row finds its subscriber.
 */
export class PushedIndex {
  private readonly byExternalId = new Map<string, StoredSubscriber[]>();
  private readonly byContactId = new Map<number, StoredSubscriber[]>();
  private readonly byPhone = new Map<string, StoredSubscriber[]>();
  private readonly byEmail = new Map<string, StoredSubscriber[]>();
  earliestPush: number | undefined;

  constructor(subscribers: Iterable<StoredSubscriber>) {
    for (const s of subscribers) {
      const p = s.pushed;
      if (!p) continue;
      if (this.earliestPush === undefined || p.at < this.earliestPush) this.earliestPush = p.at;
      if (p.externalCustomerId) add(this.byExternalId, p.externalCustomerId, s);
      if (p.contactId !== undefined) add(this.byContactId, p.contactId, s);
      if (p.phone) add(this.byPhone, phoneKey(p.phone), s);
      if (p.email) add(this.byEmail, emailKey(p.email), s);
    }
  }

  /**
   * The subscriber a row is about, trying identifiers in Yespo's own order. Several subscribers can
   * share a contact (two chats gave one email); the row cannot tell them apart, so it goes to the one
   * pushed most recently before the failure.
   */
  match(row: ActivityRow, at: number): StoredSubscriber | undefined {
    const candidates =
      (row.externalCustomerId ? this.byExternalId.get(row.externalCustomerId) : undefined) ??
      (typeof row.contactId === 'number' ? this.byContactId.get(row.contactId) : undefined) ??
      (row.sms ? this.byPhone.get(phoneKey(row.sms)) : undefined) ??
      (row.email ? this.byEmail.get(emailKey(row.email)) : undefined);
    if (!candidates?.length) return undefined;
    if (candidates.length === 1) return candidates[0];
    const before = candidates.filter((s) => (s.pushed?.at ?? 0) <= at);
    const pool = before.length ? before : candidates;
    return pool.reduce((a, b) => ((b.pushed?.at ?? 0) > (a.pushed?.at ?? 0) ? b : a));
  }
}

function add<K>(map: Map<K, StoredSubscriber[]>, key: K, s: StoredSubscriber): void {
  const list = map.get(key);
  if (list) list.push(s);
  else map.set(key, [s]);
}

export interface ActivityReadResult {
  rows: number;
  stored: number;
  unmatched: number;
}

/**
 * Reads Yespo's undelivered reports for the window since the last read, page by page with the
 * `offset` cursor, and stores the Telegram ones against their subscribers. Each page is committed with
 * the cursor, so a crash mid-read neither loses nor repeats a failure.
 */
export async function readDeliveryFailures(opts: {
  store: Store;
  client: YespoClient;
  now: () => number;
  logger: Logger;
  /** Commits through the sync, which keeps its own bookkeeping of what it wrote. */
  commit: (tx: Tx) => Promise<void>;
  pageRows?: number;
  /** Stored failures kept (the newest); FAILURES_LIMIT unless a test asks for fewer. */
  failuresLimit?: number;
}): Promise<ActivityReadResult> {
  const { store, client, now } = opts;
  const startedAt = now();
  const meta = store.get<ActivityMeta>(COLLECTIONS.meta, ACTIVITY_META_KEY) ?? {};
  const index = new PushedIndex(store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values());
  const window = activityWindow(startedAt, meta.lastReadAt, index.earliestPush);
  const pageRows = opts.pageRows ?? PAGE_ROWS;
  const sameWindow = meta.cursor && meta.cursor.dateFrom === window.dateFrom && meta.cursor.dateTo === window.dateTo;
  let offset = sameWindow ? meta.cursor?.offset : undefined;
  const result: ActivityReadResult = { rows: 0, stored: 0, unmatched: 0 };

  for (;;) {
    const rows = await client.undelivered({ ...window, offset, maxrows: pageRows });
    result.rows += rows.length;
    const tx = new Tx();
    const added: StoredFailure[] = [];
    for (const row of rows) {
      if (row.mediaType !== 'telegrambot' || isMutedReason(row.statusDescription)) continue;
      const at = Date.parse(row.activityDateTime ?? '') || startedAt;
      const found = index.match(row, at);
      if (!found) {
        result.unmatched++;
        continue;
      }
      const id = activityFailureId(row);
      if (tx.read(store, COLLECTIONS.failures, id)) continue;
      const key = subscriberKey(found.botId, found.chatId);
      const sub = tx.read<StoredSubscriber>(store, COLLECTIONS.subscribers, key) ?? found;
      const failure: StoredFailure = { id, cause: 'yespo-undelivered', at, botId: sub.botId, chatId: sub.chatId };
      const name = [sub.firstName, sub.lastName].filter(Boolean).join(' ');
      if (name) failure.name = name;
      if (row.statusDescription) failure.detail = errorText(row.statusDescription);
      if (row.messageName) failure.messageName = row.messageName;
      tx.put(COLLECTIONS.failures, id, failure);
      added.push(failure);
      const event: StoredEvent = { at, type: 'delivery-failed' };
      const detail = [row.messageName, row.statusDescription].filter(Boolean).join(': ');
      if (detail) event.detail = errorText(detail);
      tx.append(COLLECTIONS.events, key, event);
      // Yespo removed the token when the send failed with Forbidden; a report about a token pushed
      // after that failure (a later /start) says nothing about the current one.
      if (isBlockedReason(row.statusDescription) && sub.tokenInYespo && at >= (sub.pushed?.at ?? 0)) {
        tx.put(COLLECTIONS.subscribers, key, { ...sub, tokenInYespo: false });
      }
      result.stored++;
    }
    capFailures(tx, store, added, opts.failuresLimit);
    const last = rows.at(-1)?.offset;
    const more = rows.length >= pageRows && !!last && last !== offset;
    if (more && last) {
      tx.put(COLLECTIONS.meta, ACTIVITY_META_KEY, { ...meta, cursor: { ...window, offset: last } } satisfies ActivityMeta);
      await opts.commit(tx);
      offset = last;
      continue;
    }
    tx.put(COLLECTIONS.meta, ACTIVITY_META_KEY, { lastReadAt: startedAt } satisfies ActivityMeta);
    await opts.commit(tx);
    if (result.unmatched) opts.logger.info({ unmatched: result.unmatched }, 'Yespo reported undelivered Telegram messages for contacts this app did not push');
    return result;
  }
}
