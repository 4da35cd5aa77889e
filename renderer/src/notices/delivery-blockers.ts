import type { FailureGroup, Notice, NoticeCode, Status } from '../../../electron/core/contract/types.js';

/** The states that hold subscribers back from Yespo: the sync paused (by her or by Yespo), Yespo down, nothing saved. */
const KEEPS_OUT_OF_YESPO: ReadonlySet<NoticeCode> = new Set<NoticeCode>([
  'app-uuid-wrong',
  'api-key-rejected',
  'pushes-waiting',
  'paused',
  'store-write-failed',
  'keychain-locked',
]);

export interface DeliveryBlockers {
  /** The status notices to repeat on Delivery failures, each with its own fix. */
  notices: Notice[];
  /** Subscribers saved here and held back meanwhile. */
  waiting: number;
}

/** What Delivery failures must show beside the failures, so it never contradicts the home screen. */
export function deliveryBlockers(status: Status | null): DeliveryBlockers {
  const found = status?.notices.filter((notice) => KEEPS_OUT_OF_YESPO.has(notice.code)) ?? [];
  return { notices: found, waiting: found.length > 0 && status ? status.sync.pending : 0 };
}

/** "Nothing has failed" is true only with no failure, nothing held back, and the app still answering. */
export function allDelivered(groups: FailureGroup[], blockers: DeliveryBlockers, lost: string | null): boolean {
  return groups.length === 0 && blockers.notices.length === 0 && lost === null;
}
