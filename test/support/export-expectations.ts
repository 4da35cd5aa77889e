import { parse } from 'csv-parse/sync';
import type { ExportLabels, Subscriber } from '../../electron/core/contract/types.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { Store } from '../../electron/core/store/store.js';

/** The words of the English UI, as the renderer sends them with an export. */
export const ENGLISH_LABELS: ExportLabels = {
  columns: {
    chatId: 'Telegram chat ID',
    firstName: 'First name',
    lastName: 'Last name',
    username: 'Username',
    phone: 'Phone',
    email: 'Email',
    language: 'Language',
    source: 'Came from',
    state: 'Subscription',
    yespo: 'Yespo',
    started: 'Subscribed',
    lastStart: 'Last pressed Start',
  },
  state: { active: 'Subscribed', blocked: 'Blocked the bot', deleted: 'Account deleted', unsubscribed: 'Unsubscribed' },
  yespo: { pending: 'Waiting to be sent', synced: 'In Yespo', failed: 'Refused by Yespo' },
  source: { contact: 'Personal link · contact {id}', customer: 'Personal link · customer {id}', tag: 'Source: {tag}' },
};

function utcMinute(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** What a spreadsheet shows in each cell of a subscriber's row (times in UTC), written out by hand. */
export function expectedCells(s: Subscriber, labels: ExportLabels = ENGLISH_LABELS): string[] {
  const guarded = (text: string | undefined): string => (text && /^[=+\-@\t\r]/.test(text) ? `'${text}` : (text ?? ''));
  const link = s.signedLink;
  const source = link ? `Personal link · ${link.kind === 'contactId' ? 'contact' : 'customer'} ${link.value}` : s.source ? `Source: ${s.source}` : '';
  return [
    String(s.chatId),
    guarded(s.firstName),
    guarded(s.lastName),
    s.username ? `'@${s.username}` : '',
    guarded(s.phone),
    guarded(s.email),
    guarded(s.languageCode),
    guarded(source),
    labels.state[s.state],
    labels.yespo[s.yespo.state],
    utcMinute(s.firstStartAt),
    utcMinute(s.lastStartAt),
  ];
}

/** The file's rows as cells, header first; it must start with the UTF-8 byte-order mark. */
export function csvRows(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('The file does not start with the UTF-8 byte-order mark.');
  return parse(text.slice(1), { relax_column_count: false }) as string[][];
}

/** People a spreadsheet or a CSV reader might trip over, added to a seeded store. */
export async function addAwkwardSubscribers(storeDir: string, botId: number): Promise<StoredSubscriber[]> {
  const at = Date.UTC(2026, 0, 15, 9, 30);
  const base = { botId, state: 'active', lastStartAt: at, yespo: { state: 'pending' }, tokenInYespo: false } as const;
  const people: StoredSubscriber[] = [
    { ...base, chatId: 7_000_000_001, firstName: 'Олена', lastName: 'Ковальчук, "Квіти"', username: 'olena_flowers', phone: '380501112233', email: 'olena@shop.ua', languageCode: 'uk', firstStartAt: at },
    { ...base, chatId: 7_000_000_002, firstName: '=HYPERLINK("http://x","y")', lastName: 'two\nlines', source: 'spring-sale', firstStartAt: at + 1 },
    { ...base, chatId: 7_000_000_003, firstName: '+380', lastName: '-5', signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' }, source: 'x', firstStartAt: at + 2, yespo: { state: 'failed', error: 'rejected' } },
  ];
  const store = await Store.open(storeDir);
  const tx = store.tx();
  for (const s of people) tx.put(COLLECTIONS.subscribers, subscriberKey(botId, s.chatId), s);
  await store.commit(tx);
  await store.close();
  return people;
}
