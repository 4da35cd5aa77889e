import type { OwnerAlertsRecord } from '../alerts/owner-chat.js';
import type { ImportReport } from '../contract/types.js';
import { COLLECTIONS, META, subscriberKey, type StoredSubscriber } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { queueOutbox } from '../yespo/queue.js';
import { readImportCsv, type ImportRow } from './import-csv.js';

/** The source tag imported subscribers carry, as a deep link's would. */
export const IMPORT_SOURCE = 'import';

/** How many rejected rows a report lists; the count covers them all. */
const REJECTIONS_SHOWN = 200;

function newSubscriber(botId: number, row: ImportRow, now: number): StoredSubscriber {
  const s: StoredSubscriber = {
    botId,
    chatId: row.chatId,
    firstName: row.firstName ?? '',
    source: IMPORT_SOURCE,
    state: 'active',
    firstStartAt: now,
    lastStartAt: now,
    yespo: { state: 'pending' },
    tokenInYespo: false,
  };
  if (row.lastName) s.lastName = row.lastName;
  if (row.phone) s.phone = row.phone;
  if (row.email) s.email = row.email;
  // The shop's own file says who this is, as a signed link would: the id leads the token to its contact.
  if (row.externalId) s.signedIdentity = { kind: 'externalCustomerId', value: row.externalId };
  return s;
}

/**
 * Adds the rows to `tx`: new chat ids become active subscribers whose token is queued for Yespo;
 * a chat id already known (or met earlier in the file) only gets the phone or email it lacks.
 */
function importRows(tx: Tx, store: Store, botId: number, rows: readonly ImportRow[], now: number): Pick<ImportReport, 'imported' | 'filled' | 'skipped'> {
  const counts = { imported: 0, filled: 0, skipped: 0 };
  // The owner's alerts chat is never a subscriber, whatever a list from another tool says.
  const owner = store.get<OwnerAlertsRecord>(COLLECTIONS.meta, META.ownerAlerts);
  const ownerChatId = owner?.botId === botId ? owner.chat?.chatId : undefined;
  for (const row of rows) {
    if (row.chatId === ownerChatId) {
      counts.skipped++;
      continue;
    }
    const key = subscriberKey(botId, row.chatId);
    const existing = tx.read<StoredSubscriber>(store, COLLECTIONS.subscribers, key);
    if (!existing) {
      tx.put(COLLECTIONS.subscribers, key, newSubscriber(botId, row, now));
      queueOutbox(tx, store, 'token', botId, row.chatId, now);
      tx.append(COLLECTIONS.events, key, { at: now, type: 'imported' });
      counts.imported++;
      continue;
    }
    const phone = existing.phone ? undefined : row.phone;
    const email = existing.email ? undefined : row.email;
    if (!phone && !email) {
      counts.skipped++;
      continue;
    }
    tx.put(COLLECTIONS.subscribers, key, { ...existing, ...(phone ? { phone } : {}), ...(email ? { email } : {}) });
    // A token already in Yespo learns new details only through the contacts API; a queued one takes them along.
    if (existing.tokenInYespo) queueOutbox(tx, store, 'contact', botId, row.chatId, now);
    tx.append(COLLECTIONS.events, key, { at: now, type: 'import-filled' });
    counts.filled++;
  }
  return counts;
}

/** Reads the CSV, stores what it adds in one commit, and reports row by row what became of it. */
export async function importCsv(csv: string, deps: { store: Store; botId: number; now: number; commit(tx: Tx): Promise<void> }): Promise<ImportReport> {
  const read = readImportCsv(csv);
  if ('fileProblem' in read) return { fileProblem: read.fileProblem, rows: 0, imported: 0, filled: 0, skipped: 0, rejected: 0, rejections: [] };
  const tx = deps.store.tx();
  const counts = importRows(tx, deps.store, deps.botId, read.rows, deps.now);
  await deps.commit(tx);
  return {
    rows: read.rows.length + read.rejected.length,
    ...counts,
    rejected: read.rejected.length,
    rejections: read.rejected.slice(0, REJECTIONS_SHOWN),
  };
}
