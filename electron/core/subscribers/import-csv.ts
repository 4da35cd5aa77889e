/**
 * Reads a subscriber list exported by another tool that ran the same bot: a header row naming the
 * columns (chat id, and optionally name, phone, email, external id, under their usual names in
 * English or Ukrainian, in any case), `,` or `;` between cells, quoted cells, a byte-order mark.
 * Each row is checked on its own; a bad row is reported with its spreadsheet row number and never
 * stops the others.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportFileProblem, ImportProblem, ImportRejection } from '../contract/types.js';
import { normalizeEmail, normalizePhone } from '../yespo/identity.js';

export interface ImportRow {
  row: number;
  chatId: number;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  externalId?: string;
}

export type ImportRead = { fileProblem: { problem: ImportFileProblem; line?: number } } | { rows: ImportRow[]; rejected: ImportRejection[] };

type Field = 'chatId' | 'firstName' | 'lastName' | 'phone' | 'email' | 'externalId';

/** Header names as `headerKey` leaves them: lower case, letters and digits only. */
const ALIASES: Record<Field, readonly string[]> = {
  chatId: ['chatid', 'chat', 'telegramchatid', 'telegramid', 'tgid', 'tgchatid', 'telegramuserid', 'tguserid', 'userid', 'idчатуtelegram', 'idчату'],
  firstName: ['name', 'fullname', 'firstname', 'імя', 'піб', 'імяіпрізвище'],
  lastName: ['lastname', 'surname', 'прізвище'],
  phone: ['phone', 'phonenumber', 'tel', 'telephone', 'mobile', 'mobilephone', 'cellphone', 'sms', 'телефон', 'номертелефону'],
  email: ['email', 'emailaddress', 'mail', 'пошта', 'електроннапошта', 'імейл'],
  externalId: ['externalid', 'externalcustomerid', 'customerid', 'clientid', 'crmid', 'зовнішнійid', 'idклієнта'],
};

/** Telegram's own limit for first and last names. */
const NAME_MAX = 64;
const EXTERNAL_ID_MAX = 100;
const SHOWN_VALUE_MAX = 40;

function headerKey(header: string): string {
  return header.toLocaleLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function columnsOf(header: readonly string[]): Partial<Record<Field, number>> {
  const columns: Partial<Record<Field, number>> = {};
  header.forEach((name, at) => {
    const key = headerKey(name);
    const field = (Object.keys(ALIASES) as Field[]).find((f) => ALIASES[f].includes(key));
    if (field && columns[field] === undefined) columns[field] = at;
  });
  return columns;
}

/** The separator the header row uses most, outside quotes; a one-column file has none. */
function delimiterOf(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r') && commas + semicolons > 0) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function shown(value: string): string {
  return value.length > SHOWN_VALUE_MAX ? `${value.slice(0, SHOWN_VALUE_MAX - 1)}…` : value;
}

function chatIdProblem(cell: string): ImportProblem | null {
  if (cell === '') return 'chat-id-missing';
  // A spreadsheet that read the id as a number and wrote it back rounded, as 1.23457E+11.
  if (/^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i.test(cell)) return 'chat-id-rounded';
  if (/^-\d+$/.test(cell)) return 'chat-id-group';
  if (!/^[1-9]\d{0,15}$/.test(cell) || !Number.isSafeInteger(Number(cell))) return 'chat-id-shape';
  return null;
}

function phoneOf(cell: string): { phone: string } | { problem: ImportProblem } {
  if (/[^\d\s()+.-]/.test(cell)) return { problem: 'phone' };
  const phone = normalizePhone(cell);
  if (!phone) return { problem: 'phone' };
  // Without a + a leading 0 is a national number: Yespo needs the country code in front.
  if (!cell.startsWith('+') && phone.startsWith('0')) return { problem: 'phone-national' };
  return { phone };
}

function readRow(cells: readonly string[], columns: Partial<Record<Field, number>>, row: number): ImportRow | ImportRejection {
  const cell = (field: Field): string => {
    const at = columns[field];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const chatIdCell = cell('chatId');
  const chatProblem = chatIdProblem(chatIdCell);
  if (chatProblem) return { row, problem: chatProblem, ...(chatIdCell ? { value: shown(chatIdCell) } : {}) };
  const out: ImportRow = { row, chatId: Number(chatIdCell) };
  const phoneCell = cell('phone');
  if (phoneCell) {
    const read = phoneOf(phoneCell);
    if ('problem' in read) return { row, problem: read.problem, value: shown(phoneCell) };
    out.phone = read.phone;
  }
  const emailCell = cell('email');
  if (emailCell) {
    const email = normalizeEmail(emailCell);
    if (!email) return { row, problem: 'email', value: shown(emailCell) };
    out.email = email;
  }
  const externalId = cell('externalId');
  if (externalId.length > EXTERNAL_ID_MAX) return { row, problem: 'external-id', value: shown(externalId) };
  if (externalId) out.externalId = externalId;
  const firstName = cell('firstName').slice(0, NAME_MAX);
  const lastName = cell('lastName').slice(0, NAME_MAX);
  if (firstName) out.firstName = firstName;
  if (lastName) out.lastName = lastName;
  return out;
}

export function readImportCsv(text: string): ImportRead {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/, '')), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) return { fileProblem: { problem: 'unreadable', line: (error as CsvError & { lines?: number }).lines } };
    throw error;
  }
  const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
  const headerAt = records.findIndex((cells) => !blank(cells));
  if (headerAt < 0) return { fileProblem: { problem: 'empty' } };
  const columns = columnsOf(records[headerAt]);
  if (columns.chatId === undefined) return { fileProblem: { problem: 'no-chat-id-column' } };
  const rows: ImportRow[] = [];
  const rejected: ImportRejection[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    if (blank(records[i])) continue;
    const read = readRow(records[i], columns, i + 1);
    if ('problem' in read) rejected.push(read);
    else rows.push(read);
  }
  return { rows, rejected };
}
