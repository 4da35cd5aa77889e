import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { ImportReport } from '../../electron/core/contract/types.js';
import en from '../../renderer/src/locales/en/settings.js';
import uk from '../../renderer/src/locales/uk/settings.js';
import { importReportText } from '../../renderer/src/subscribers/import-report.js';

function translator(locale: 'en' | 'uk') {
  const i18n = createI18n({ legacy: false, locale, messages: { en: { settings: en }, uk: { settings: uk } } });
  return (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}

const report: ImportReport = {
  rows: 6,
  imported: 2,
  filled: 1,
  skipped: 0,
  rejected: 3,
  rejections: [
    { row: 5, problem: 'chat-id-missing' },
    { row: 6, problem: 'phone-national', value: '0501112233' },
  ],
};

describe('importReportText', () => {
  it('says what came in, what was already here, and each row left out with its reason', () => {
    expect(importReportText(translator('en'), report)).toEqual({
      type: 'warning',
      title: 'Import finished.',
      lines: [
        'New subscribers: 2',
        'Already subscribers, phone or email added: 1',
        'Rows left out: 3',
        'Row 5: there is no chat ID',
        'Row 6: the phone “0501112233” has no country code; write it as +380…',
        '…and 1 more left out',
      ],
    });
  });

  it('speaks Ukrainian too', () => {
    const text = importReportText(translator('uk'), report);
    expect(text.lines[0]).toBe('Нових підписників: 2');
    expect(text.lines[4]).toBe('Рядок 6: у телефоні «0501112233» немає коду країни; запишіть його як +380…');
  });

  it('is a success when no row was left out', () => {
    expect(importReportText(translator('en'), { ...report, rejected: 0, rejections: [] })).toMatchObject({ type: 'success', lines: ['New subscribers: 2', 'Already subscribers, phone or email added: 1'] });
  });

  it('explains a file it could not use', () => {
    const none = { rows: 0, imported: 0, filled: 0, skipped: 0, rejected: 0, rejections: [] };
    expect(importReportText(translator('en'), { ...none, fileProblem: { problem: 'unreadable', line: 7 } })).toEqual({
      type: 'error',
      title: 'The file could not be read as CSV at line 7: look for a quote that is never closed.',
      lines: [],
    });
    expect(importReportText(translator('uk'), { ...none, fileProblem: { problem: 'empty' } }).title).toBe('Файл порожній.');
  });
});
