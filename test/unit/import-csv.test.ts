import { describe, expect, it } from 'vitest';
import { readImportCsv, type ImportRead } from '../../electron/core/subscribers/import-csv.js';

function read(text: string): Extract<ImportRead, { rows: unknown }> {
  const result = readImportCsv(text);
  if ('fileProblem' in result) throw new Error(`unexpected file problem ${result.fileProblem.problem}`);
  return result;
}

describe('readImportCsv', () => {
  it('reads the columns by their usual names, in any case, in any order', () => {
    const { rows, rejected } = read('E-mail,Phone Number,Name,Chat_ID,External ID,Notes\r\nolena@example.com,+380 50 111 22 33,Olena Koval,111,crm-1,vip\r\n');
    expect(rejected).toEqual([]);
    expect(rows).toEqual([{ row: 2, chatId: 111, firstName: 'Olena Koval', phone: '380501112233', email: 'olena@example.com', externalId: 'crm-1' }]);
  });

  it('takes semicolons, quoted cells with separators, quotes and line breaks, and a byte-order mark', () => {
    const { rows } = read('\uFEFFchat id;name;phone\n222;"Koval; Olena ""Lena""";\n333;"two\nlines";380671112233\n');
    expect(rows).toEqual([
      { row: 2, chatId: 222, firstName: 'Koval; Olena "Lena"' },
      { row: 3, chatId: 333, firstName: 'two\nlines', phone: '380671112233' },
    ]);
  });

  it('reads this app’s own export, English or Ukrainian, first and last names apart', () => {
    expect(read('Telegram chat ID,First name,Last name,Username,Phone\r\n5,Olena,Koval,@ok,380501112233\r\n').rows).toEqual([
      { row: 2, chatId: 5, firstName: 'Olena', lastName: 'Koval', phone: '380501112233' },
    ]);
    expect(read('ID чату Telegram,Ім’я,Прізвище,Телефон,Пошта\r\n6,Тарас,Шевченко,,t@example.com\r\n').rows).toEqual([
      { row: 2, chatId: 6, firstName: 'Тарас', lastName: 'Шевченко', email: 't@example.com' },
    ]);
  });

  it('rejects bad rows with their spreadsheet row number and the cell at fault, keeping the good ones', () => {
    const csv = [
      'chat_id,phone,email,external_id',
      ',380501112233,,',
      '1.23457E+11,,,',
      '-100123,,,',
      'abc,,,',
      '7,0501112233,,',
      '8,call me,,',
      '9,,not-an-email,',
      `10,,,${'x'.repeat(101)}`,
      '',
      '11,+380501112233,a@b.co,',
    ].join('\n');
    const { rows, rejected } = read(csv);
    expect(rows.map((r) => [r.row, r.chatId])).toEqual([[11, 11]]);
    expect(rejected).toEqual([
      { row: 2, problem: 'chat-id-missing' },
      { row: 3, problem: 'chat-id-rounded', value: '1.23457E+11' },
      { row: 4, problem: 'chat-id-group', value: '-100123' },
      { row: 5, problem: 'chat-id-shape', value: 'abc' },
      { row: 6, problem: 'phone-national', value: '0501112233' },
      { row: 7, problem: 'phone', value: 'call me' },
      { row: 8, problem: 'email', value: 'not-an-email' },
      { row: 9, problem: 'external-id', value: `${'x'.repeat(39)}…` },
    ]);
  });

  it('cuts names to Telegram’s 64 characters', () => {
    expect(read(`chat id,name\n1,${'n'.repeat(80)}\n`).rows[0].firstName).toHaveLength(64);
  });

  it('says what is wrong with the file itself', () => {
    expect(readImportCsv('')).toEqual({ fileProblem: { problem: 'empty' } });
    expect(readImportCsv('\uFEFF\r\n \r\n')).toEqual({ fileProblem: { problem: 'empty' } });
    expect(readImportCsv('name,phone\nOlena,380501112233\n')).toEqual({ fileProblem: { problem: 'no-chat-id-column' } });
    expect(readImportCsv('chat id,name\n1,"Olena\n')).toEqual({ fileProblem: { problem: 'unreadable', line: 2 } });
  });
});
