import type { ForgetResult } from '../contract/types.js';
import { COLLECTIONS, outboxId, type StoredSubscriber } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';

/**
 * The identifiers by which the owner finds this person's contact in Yespo: those sent with the
 * token, then a phone or email added to the contact afterwards. Nothing when the token never went.
 */
export function yespoTraces(s: StoredSubscriber): ForgetResult['inYespo'] {
  const p = s.pushed;
  if (!p) return [];
  const traces: ForgetResult['inYespo'] = [];
  if (p.contactId !== undefined) traces.push({ kind: 'contactId', value: String(p.contactId) });
  if (p.externalCustomerId) traces.push({ kind: 'externalCustomerId', value: p.externalCustomerId });
  const phone = p.phone ?? s.phone;
  const email = p.email ?? s.email;
  if (phone) traces.push({ kind: 'phone', value: phone });
  if (email) traces.push({ kind: 'email', value: email });
  return traces;
}

const PER_CHAT = [COLLECTIONS.outbox, COLLECTIONS.replies, COLLECTIONS.failures] as const;

/** Adds to `tx` the removal of everything kept about one chat: the record, its story, queued work, failures. */
export function forgetChat(tx: Tx, store: Store, botId: number, chatId: number, key: string): void {
  tx.delete(COLLECTIONS.subscribers, key);
  tx.delete(COLLECTIONS.events, key);
  for (const c of PER_CHAT) {
    for (const [k, value] of store.collection<{ botId?: number; chatId?: number }>(c)) {
      if (value.botId === botId && value.chatId === chatId) tx.delete(c, k);
    }
  }
}

/** Whether the token is in Yespo, or on its way there, so that forgetting must mute it. */
export function tokenReachedYespo(store: Store, s: StoredSubscriber): boolean {
  return !!s.pushed || s.tokenInYespo || !!store.get(COLLECTIONS.outbox, outboxId('token', s.botId, s.chatId));
}
