import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Subscriber } from '../../electron/core/contract/types.js';
import { subscriberCells } from '../../electron/core/subscribers/export-csv.js';
import { spreadsheetTime } from '../../electron/core/subscribers/spreadsheet-time.js';
import en from '../../renderer/src/locales/en/subscribers.js';
import uk from '../../renderer/src/locales/uk/subscribers.js';
import { exportRequest } from '../../renderer/src/subscribers/export-request.js';
import { sourceText } from '../../renderer/src/subscribers/source-text.js';

function translator(locale: 'en' | 'uk') {
  const i18n = createI18n({ legacy: false, locale, messages: { en: { subscribers: en }, uk: { subscribers: uk } } });
  return (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}

const customer = { kind: 'externalCustomerId', value: 'crm-77' } as const;
const contact = { kind: 'contactId', value: '12345' } as const;

describe('sourceText', () => {
  it('reads a signed link as the person it names, marked verified', () => {
    expect(sourceText(translator('en'), { signedLink: customer })).toEqual({ text: 'Personal link · customer crm-77', verified: true });
    expect(sourceText(translator('en'), { signedLink: contact })).toEqual({ text: 'Personal link · contact 12345', verified: true });
    expect(sourceText(translator('uk'), { signedLink: customer })).toEqual({ text: 'Персональне посилання · клієнт crm-77', verified: true });
  });

  it('reads a plain tag as its source, not verified', () => {
    expect(sourceText(translator('en'), { source: 'crm_999' })).toEqual({ text: 'Source: crm_999', verified: false });
    expect(sourceText(translator('uk'), { source: 'crm_999' })).toEqual({ text: 'Джерело: crm_999', verified: false });
  });

  it('lets the signed link speak when a tag came along too, and says nothing for neither', () => {
    expect(sourceText(translator('en'), { source: 'crm_999', signedLink: customer })?.text).toBe('Personal link · customer crm-77');
    expect(sourceText(translator('en'), {})).toBeNull();
  });
});

describe('the CSV export’s source column', () => {
  const base: Subscriber = {
    botId: 1,
    chatId: 1,
    firstName: 'Olena',
    state: 'active',
    firstStartAt: 0,
    lastStartAt: 0,
    identity: { kind: 'externalCustomerId', value: 'tg-1' },
    identityReason: 'anonymous',
    yespo: { state: 'synced' },
  };

  it('words the source, the state and the Yespo state as the screens do, in either language', () => {
    const rows: Subscriber[] = [{ ...base, chatId: 1, signedLink: customer }, { ...base, chatId: 2, source: 'crm_999' }, { ...base, chatId: 3 }];
    for (const locale of ['en', 'uk'] as const) {
      const t = translator(locale);
      const { labels } = exportRequest(t, {}, new Date(2026, 11, 3), 'UTC');
      const cells = rows.map((s) => subscriberCells(s, labels, spreadsheetTime('UTC')));
      expect(cells.map((c) => c[7])).toEqual([sourceText(t, rows[0])!.text, sourceText(t, rows[1])!.text, '']);
      expect(cells[0].slice(8, 10)).toEqual([t('subscribers.state.active'), t('subscribers.yespo.synced')]);
    }
  });

  it('asks for the file under the UI’s name for it, the day, and the UI’s column titles', () => {
    const request = exportRequest(translator('uk'), { state: 'active' }, new Date(2026, 11, 3), 'Europe/Kyiv');
    expect(request.fileName).toBe('підписники-2026-12-03.csv');
    expect(request.timeZone).toBe('Europe/Kyiv');
    expect(request.query).toEqual({ state: 'active' });
    expect(request.labels.columns.chatId).toBe('ID чату Telegram');
    expect(request.labels.source).toEqual({ contact: 'Персональне посилання · контакт {id}', customer: 'Персональне посилання · клієнт {id}', tag: 'Джерело: {tag}' });
  });
});
