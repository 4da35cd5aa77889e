import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Subscriber } from '../../electron/core/contract/types.js';
import { toCsv } from '../../renderer/src/export/csv.js';
import { subscriberCsvColumns } from '../../renderer/src/export/subscribers-csv.js';
import en from '../../renderer/src/locales/en/subscribers.js';
import uk from '../../renderer/src/locales/uk/subscribers.js';
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

  it('words the source as the screens do', () => {
    const rows: Subscriber[] = [{ ...base, chatId: 1, signedLink: customer }, { ...base, chatId: 2, source: 'crm_999' }, { ...base, chatId: 3 }];
    const t = translator('en');
    const columns = subscriberCsvColumns(t);
    const at = columns.findIndex((c) => c.header === t('subscribers.csv.source'));
    const cells = toCsv(rows, [columns[at]]).split('\r\n').slice(1, -1);
    expect(cells).toEqual(['Personal link · customer crm-77', 'Source: crm_999', '']);
  });
});
