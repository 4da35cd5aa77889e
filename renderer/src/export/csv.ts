/** One CSV column: a header and how to read its cell from a row. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

/*
 * Spreadsheet apps run a cell that starts with one of these as a formula, so a subscriber named
 * "=HYPERLINK(...)" could run something on the operator's machine. A leading apostrophe keeps it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text (CRLF line ends) with a header row. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((column) => escapeCell(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => escapeCell(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
