import { randomBytes, randomUUID } from 'node:crypto';

export type MediaType =
  | 'email'
  | 'sms'
  | 'viber'
  | 'mobilepush'
  | 'webpush'
  | 'appinbox'
  | 'widget'
  | 'inapp'
  | 'telegrambot';

export const ACTIVITY_STATUSES = ['DELIVERED', 'UNDELIVERED', 'READ', 'UNSUBSCRIBED', 'CLICKED', 'SPAM'] as const;

/** A row of `GET /v2/contacts/activity` (the spec's ContactActivity, fields this product meets). */
export interface ActivityRow {
  iid: string;
  contactId?: number;
  externalCustomerId?: string;
  email?: string;
  sms?: string;
  mediaType: MediaType;
  activityStatus: string;
  statusDescription?: string;
  messageId?: number;
  messageName?: string;
  activityDateTime: string;
  offset: string;
}

export interface ActivityQuery {
  from: number;
  to: number;
  status?: string;
  email?: string;
  sms?: string;
  /** Rows strictly after this cursor. */
  after?: string;
  maxRows: number;
}

const OFFSET = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-([0-9a-f]{4})-[0-9a-f]{12}$/;

/**
 * Yespo's offsets look like time-based UUIDs ("766111100-5cb2-11ee-aa11-1f2b981c5833"). Here the time
 * and an insertion counter are packed into the first four groups so offsets order like the rows do.
 */
function sortKey(offset: string): string | null {
  const m = OFFSET.exec(offset);
  return m ? m[1] + m[2] + m[3] + m[4] : null;
}

export function isOffset(offset: string): boolean {
  return sortKey(offset) !== null;
}

export class ActivityLog {
  private readonly rows: Array<{ key: string; time: number; row: ActivityRow }> = [];
  private readonly node = randomBytes(6).toString('hex');
  private seq = 0;

  add(fields: Omit<ActivityRow, 'iid' | 'offset'> & { iid?: string }): ActivityRow {
    const time = Date.parse(fields.activityDateTime);
    if (Number.isNaN(time)) throw new Error(`activityDateTime is not a date: ${fields.activityDateTime}`);
    const t = time.toString(16).padStart(12, '0');
    const s = (this.seq++).toString(16).padStart(7, '0');
    const offset = `${t.slice(0, 8)}-${t.slice(8)}-1${s.slice(0, 3)}-${s.slice(3)}-${this.node}`;
    const row: ActivityRow = { ...fields, iid: fields.iid ?? randomUUID(), offset };
    const key = t + s;
    let at = this.rows.length;
    while (at > 0 && this.rows[at - 1].key > key) at--;
    this.rows.splice(at, 0, { key, time, row });
    return row;
  }

  query(q: ActivityQuery): ActivityRow[] {
    const afterKey = q.after === undefined ? undefined : sortKey(q.after);
    const out: ActivityRow[] = [];
    for (const { key, time, row } of this.rows) {
      if (out.length >= q.maxRows) break;
      if (afterKey != null && key <= afterKey) continue;
      if (time < q.from || time > q.to) continue;
      if (q.status !== undefined && row.activityStatus !== q.status) continue;
      if (q.email !== undefined && row.email?.toLowerCase() !== q.email.toLowerCase()) continue;
      if (q.sms !== undefined && row.sms?.replace(/^\+/, '') !== q.sms.replace(/^\+/, '')) continue;
      out.push(row);
    }
    return out;
  }
}
