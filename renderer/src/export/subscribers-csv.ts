import type { Subscriber } from '../../../electron/core/contract/types.js';
import { sourceText } from '../subscribers/source-text.js';
import type { CsvColumn } from './csv.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Local date and time as spreadsheets read it: "2025-11-30 22:50". */
function spreadsheetTime(at: number | undefined): string {
  if (at === undefined) return '';
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The export's columns, headed and valued in the UI language. */
export function subscriberCsvColumns(t: Translate): CsvColumn<Subscriber>[] {
  return [
    { header: t('subscribers.csv.chatId'), value: (s) => s.chatId },
    { header: t('subscribers.csv.firstName'), value: (s) => s.firstName },
    { header: t('subscribers.csv.lastName'), value: (s) => s.lastName },
    { header: t('subscribers.csv.username'), value: (s) => (s.username ? `@${s.username}` : '') },
    { header: t('subscribers.csv.phone'), value: (s) => s.phone },
    { header: t('subscribers.csv.email'), value: (s) => s.email },
    { header: t('subscribers.csv.language'), value: (s) => s.languageCode },
    { header: t('subscribers.csv.source'), value: (s) => sourceText(t, s)?.text },
    { header: t('subscribers.csv.state'), value: (s) => t(`subscribers.state.${s.state}`) },
    { header: t('subscribers.csv.yespo'), value: (s) => t(`subscribers.yespo.${s.yespo.state}`) },
    { header: t('subscribers.csv.started'), value: (s) => spreadsheetTime(s.firstStartAt) },
    { header: t('subscribers.csv.lastStart'), value: (s) => spreadsheetTime(s.lastStartAt) },
  ];
}
