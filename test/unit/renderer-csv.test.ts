import { describe, expect, it } from 'vitest';
import { toCsv, type CsvColumn } from '../../renderer/src/export/csv.js';

interface Row {
  name: string;
  count?: number;
}

const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (row) => row.name },
  { header: 'Count', value: (row) => row.count },
];

describe('toCsv', () => {
  it('writes a header row and one CRLF-terminated line per row', () => {
    expect(toCsv([{ name: 'Olena', count: 3 }, { name: 'Andriy' }], columns)).toBe('Name,Count\r\nOlena,3\r\nAndriy,\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], columns)).toBe('Name,Count\r\n');
  });

  it('quotes cells with commas, quotes and line breaks, doubling inner quotes', () => {
    const csv = toCsv([{ name: 'Flowers, "Roses"' }, { name: 'two\nlines' }, { name: 'cr\rhere' }], columns);
    expect(csv).toBe('Name,Count\r\n"Flowers, ""Roses""",\r\n"two\nlines",\r\n"cr\rhere",\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula as plain text', () => {
    const rows = ['=HYPERLINK("http://x","y")', '+380501234567', '-2+3', '@SUM(A1)', '\tTab', '\rReturn'].map((name) => ({ name }));
    const lines = toCsv(rows, columns).split('\r\n');
    expect(lines.slice(1, 5)).toEqual(['"\'=HYPERLINK(""http://x"",""y"")",', "'+380501234567,", "'-2+3,", "'@SUM(A1),"]);
    expect(lines[5]).toBe("'\tTab,");
    expect(lines[6]).toBe('"\'\rReturn",');
  });

  it('leaves numbers alone, negative ones included, and plain text unchanged', () => {
    const csv = toCsv([{ name: 'Олена Ковальчук', count: -5 }], columns);
    expect(csv).toBe('Name,Count\r\nОлена Ковальчук,-5\r\n');
  });

  it('guards headers too', () => {
    expect(toCsv([], [{ header: '=cmd', value: () => '' }])).toBe("'=cmd\r\n");
  });

  it('writes booleans and empty values', () => {
    const csv = toCsv([{}], [
      { header: 'yes', value: () => true },
      { header: 'null', value: () => null },
      { header: 'empty', value: () => '' },
    ]);
    expect(csv).toBe('yes,null,empty\r\ntrue,,\r\n');
  });
});
