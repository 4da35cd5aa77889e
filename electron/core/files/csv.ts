/** One CSV cell's value, as a column reads it from a row. */
export type CsvValue = string | number | boolean | null | undefined;

/** Written first, so that Excel reads the file as UTF-8 and Cyrillic names survive. */
export const UTF8_BOM = '\uFEFF';

/*
 * Spreadsheet apps run a cell that starts with one of these as a formula, so a subscriber named
 * "=HYPERLINK(...)" could run something on the operator's machine. A leading apostrophe keeps it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One RFC 4180 line, CRLF included. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(escapeCell).join(',')}\r\n`;
}
