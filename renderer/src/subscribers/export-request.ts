import { EXPORT_COLUMNS, type ExportRequest, type SubscriberQuery } from '../../../electron/core/contract/types.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/**
 * The export of what the table shows, in the UI's words: the engine has no locale, so it gets the
 * column titles, the state words and the source phrases (with `{id}` and `{tag}` left for it to fill).
 */
export function exportRequest(t: Translate, query: Omit<SubscriberQuery, 'offset' | 'limit'>, now: Date, timeZone: string | undefined): ExportRequest {
  const states = ['active', 'blocked', 'deleted', 'unsubscribed'] as const;
  const yespo = ['pending', 'synced', 'failed'] as const;
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return {
    query,
    fileName: `${t('subscribers.csv.fileName')}-${day}.csv`,
    ...(timeZone ? { timeZone } : {}),
    labels: {
      columns: Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`subscribers.csv.${c}`)])) as ExportRequest['labels']['columns'],
      state: Object.fromEntries(states.map((s) => [s, t(`subscribers.state.${s}`)])) as ExportRequest['labels']['state'],
      yespo: Object.fromEntries(yespo.map((s) => [s, t(`subscribers.yespo.${s}`)])) as ExportRequest['labels']['yespo'],
      source: {
        contact: t('subscribers.source.contact', { id: '{id}' }),
        customer: t('subscribers.source.customer', { id: '{id}' }),
        tag: t('subscribers.source.tag', { tag: '{tag}' }),
      },
    },
  };
}
