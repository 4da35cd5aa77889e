import type { Notice, NoticeCode, Status } from '../../../electron/core/contract/types.js';

export interface NoticeMessage {
  /** The i18n key of the sentence. */
  key: string;
  /** Values for its placeholders, numbers already formatted for the UI language. */
  named: Record<string, string>;
  /** Picks the plural form, for sentences that count something. */
  count?: number;
}

/** The number each counting sentence is about. */
const COUNTED_BY: Partial<Record<NoticeCode, string>> = {
  'pushes-waiting': 'pending',
  'push-rejected': 'failed',
  'offline-warning': 'hours',
  'offline-exceeded': 'hours',
  'api-key-idle': 'days',
};

/**
 * The sentence for a notice. Placeholders come from the notice's own params, else from the status
 * it arrived with, so a sentence never shows an empty gap.
 */
export function noticeMessage(notice: Notice, status: Status, formatNumber: (value: number) => string, formatTime: (at: number) => string): NoticeMessage {
  const values: Record<string, string | number> = {
    pending: status.sync.pending,
    failed: status.sync.failed,
    hours: Math.round(status.bot.offlineHours ?? 0),
    days: status.sync.apiKeyIdleDays ?? 0,
    username: status.bot.username ?? '',
    // A recovered store names where the damaged file went; the engine sends that as `folder`.
    folder: status.store.movedAside ?? status.store.folder,
    ...notice.params,
  };
  const named: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) named[name] = typeof value === 'number' ? formatNumber(value) : value;
  // A moment is read as a time of day, not as a number with thousands separators.
  if (status.bot.nextTryAt !== undefined) named.at = formatTime(status.bot.nextTryAt);
  const countedBy = COUNTED_BY[notice.code];
  const message: NoticeMessage = { key: `status.notices.${notice.code}`, named };
  if (countedBy !== undefined) message.count = Math.round(Number(values[countedBy]) || 0);
  return message;
}
