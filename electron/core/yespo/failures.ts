import type { Failure, FailureCause, FailureGroup } from '../contract/types.js';
import { errorText } from '../error-text.js';
import type { OutboxItem, StoredFailure, StoredSubscriber } from '../store/schema.js';
import type { DroppedFailures } from './failure-cap.js';

export interface FailureSources {
  subscribers: Iterable<StoredSubscriber>;
  outbox: Iterable<OutboxItem>;
  /** The `failures` collection: refused replies, Yespo's undelivered reports. */
  stored: Iterable<StoredFailure>;
  subscriber(botId: number, chatId: number): StoredSubscriber | undefined;
  /** How many stored failures of each cause were dropped as the oldest beyond the limit. */
  dropped?: DroppedFailures;
}

/** Most actionable first: what Olena can retry, then what Yespo reported, then who left. */
const ORDER: FailureCause[] = ['yespo-rejected', 'waiting-retry', 'yespo-undelivered', 'reply-refused', 'blocked-bot', 'account-deleted'];
const RETRYABLE = new Set<FailureCause>(['yespo-rejected', 'waiting-retry']);
export const FAILURE_ITEMS_LIMIT = 500;

function nameOf(s: StoredSubscriber | undefined): string | undefined {
  if (!s) return undefined;
  const name = [s.firstName, s.lastName].filter(Boolean).join(' ');
  return name || (s.username ? `@${s.username}` : undefined);
}

function withName(failure: Failure, name: string | undefined): Failure {
  return name ? { ...failure, name } : failure;
}

/** Groups every kind of failure the app knows of for the failures screen. Empty groups are left out. */
export function buildFailureGroups(src: FailureSources, limit = FAILURE_ITEMS_LIMIT): FailureGroup[] {
  const byCause = new Map<FailureCause, Failure[]>();
  const add = (f: Failure): void => {
    const list = byCause.get(f.cause);
    if (list) list.push(f);
    else byCause.set(f.cause, [f]);
  };

  for (const s of src.subscribers) {
    if (s.state === 'blocked') {
      add(withName({ id: `blocked:${s.botId}:${s.chatId}`, cause: 'blocked-bot', at: s.blockedAt ?? s.lastStartAt, chatId: s.chatId }, nameOf(s)));
    } else if (s.state === 'deleted') {
      add(withName({ id: `deleted:${s.botId}:${s.chatId}`, cause: 'account-deleted', at: s.blockedAt ?? s.lastStartAt, chatId: s.chatId }, nameOf(s)));
    }
  }

  for (const item of src.outbox) {
    const failed = item.state === 'failed';
    if (!failed && item.attempts === 0) continue;
    const failure: Failure = {
      id: item.id,
      cause: failed ? 'yespo-rejected' : 'waiting-retry',
      at: item.lastAttemptAt ?? item.createdAt,
      chatId: item.chatId,
    };
    // Texts stored by older versions were neither capped nor redacted of every form of the key.
    if (item.lastError) failure.detail = errorText(item.lastError);
    if (!failed) failure.nextAttemptAt = item.nextAttemptAt;
    add(withName(failure, nameOf(src.subscriber(item.botId, item.chatId))));
  }

  for (const stored of src.stored) {
    const { botId, ...rest } = stored;
    const failure = rest.detail ? { ...rest, detail: errorText(rest.detail) } : rest;
    add(failure.name || failure.chatId === undefined ? failure : withName(failure, nameOf(src.subscriber(botId, failure.chatId))));
  }

  const causes = [...ORDER, ...[...byCause.keys()].filter((c) => !ORDER.includes(c))];
  const groups: FailureGroup[] = [];
  for (const cause of causes) {
    const items = byCause.get(cause);
    if (!items?.length) continue;
    items.sort((a, b) => b.at - a.at);
    const group: FailureGroup = { cause, count: items.length, retryable: RETRYABLE.has(cause), items: items.slice(0, limit) };
    const dropped = src.dropped?.[cause];
    if (dropped) group.dropped = dropped;
    groups.push(group);
  }
  return groups;
}

/** Yespo's undelivered reports from `since` on: the home screen's count of failed newsletters. */
export function countUndeliveredSince(stored: Iterable<StoredFailure>, since: number): number {
  let count = 0;
  for (const failure of stored) if (failure.cause === 'yespo-undelivered' && failure.at >= since) count++;
  return count;
}
