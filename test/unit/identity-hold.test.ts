import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ARGS } from '../../electron/core/contract/api.js';
import { withDefaults } from '../../electron/core/settings/settings.js';
import { signPayload } from '../../electron/core/links/signing.js';
import type { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, outboxId, type OutboxItem, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { tokenDueAt } from '../../electron/core/telegram/push-hold.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { OutboxIndex } from '../../electron/core/yespo/outbox-index.js';
import { scratchStores } from '../support/scratch-store.js';
import { BOT_ID, updateContext } from '../support/update-context.js';

const openStore = scratchStores();
const NOW = Date.parse('2025-03-01T10:00:00Z');
const MINUTE = 60_000;
const olena = { id: 501, is_bot: false, first_name: 'Olena', language_code: 'uk' };

let nextUpdateId = 1;
function message(fields: Record<string, unknown>): TgUpdate {
  return { update_id: nextUpdateId++, message: { message_id: nextUpdateId, date: 1, chat: { id: olena.id, type: 'private' }, from: olena, ...fields } } as unknown as TgUpdate;
}
const start = (payload?: string): TgUpdate => message({ text: payload ? `/start ${payload}` : '/start' });
const ownContact = (): TgUpdate => message({ contact: { phone_number: '+380 50 111 22 33', first_name: 'Olena', user_id: olena.id } });

async function apply(store: Store, at: number, update: TgUpdate, settings: { askPhone?: boolean; askEmail?: boolean } = {}): Promise<void> {
  const ctx = updateContext(store, at);
  ctx.settings = { ...ctx.settings, askPhone: false, askEmail: false, identityWaitMinutes: 10, ...settings };
  const tx = store.tx();
  applyUpdate(tx, ctx, update);
  await store.commit(tx);
}

const tokenItem = (store: Store): OutboxItem | undefined => store.get<OutboxItem>(COLLECTIONS.outbox, outboxId('token', BOT_ID, olena.id));

describe('when a token push may go', () => {
  it('waits for an answer just asked for, never for a signed link, and not after anything else', () => {
    expect(tokenDueAt({ awaiting: 'phone' }, true, 10, NOW)).toBe(NOW + 10 * MINUTE);
    expect(tokenDueAt({ awaiting: 'email' }, true, 1440, NOW)).toBe(NOW + 1440 * MINUTE);
    expect(tokenDueAt({ awaiting: 'phone', signedIdentity: { kind: 'externalCustomerId', value: 'crm-77' } }, true, 10, NOW)).toBe(NOW);
    expect(tokenDueAt({ awaiting: 'phone' }, false, 10, NOW)).toBe(NOW);
    expect(tokenDueAt({}, true, 10, NOW)).toBe(NOW);
  });
});

describe('the waiting time setting', () => {
  it('is 10 minutes unless set, and takes whole minutes from 1 to 1440 with a message that says so', () => {
    expect(withDefaults(undefined).identityWaitMinutes).toBe(10);
    expect(withDefaults({ askPhone: true }).identityWaitMinutes).toBe(10);
    for (const ok of [1, 30, 1440]) expect(v.safeParse(ARGS.updateSettings, { identityWaitMinutes: ok }).success).toBe(true);
    for (const bad of [0, -5, 1441, 2.5, '10']) {
      const parsed = v.safeParse(ARGS.updateSettings, { identityWaitMinutes: bad });
      expect(parsed.success, String(bad)).toBe(false);
      expect(parsed.issues?.[0].message).toBe('Enter a whole number of minutes from 1 to 1440 (a day)');
    }
  });
});

describe('holding the push while the bot waits for the phone or email', () => {
  it('holds the push after /start asks for the phone, and lets it go when the phone arrives', async () => {
    const store = await openStore();
    await apply(store, NOW, start(), { askPhone: true });
    expect(tokenItem(store)).toMatchObject({ state: 'waiting', attempts: 0, nextAttemptAt: NOW + 10 * MINUTE });
    await apply(store, NOW + MINUTE, ownContact(), { askPhone: true });
    expect(tokenItem(store)?.nextAttemptAt).toBe(NOW + MINUTE);
  });

  it('holds it again while the email is asked after the phone', async () => {
    const store = await openStore();
    await apply(store, NOW, start(), { askPhone: true, askEmail: true });
    await apply(store, NOW + MINUTE, ownContact(), { askPhone: true, askEmail: true });
    expect(tokenItem(store)?.nextAttemptAt).toBe(NOW + 11 * MINUTE);
    await apply(store, NOW + 2 * MINUTE, message({ text: 'olena@example.com' }), { askPhone: true, askEmail: true });
    expect(tokenItem(store)?.nextAttemptAt).toBe(NOW + 2 * MINUTE);
  });

  it('lets the push go at once when the person writes something else instead', async () => {
    const store = await openStore();
    await apply(store, NOW, start(), { askPhone: true });
    await apply(store, NOW + MINUTE, message({ text: 'no, thanks' }), { askPhone: true });
    expect(tokenItem(store)?.nextAttemptAt).toBe(NOW + MINUTE);

    const other = await openStore();
    await apply(other, NOW, start(), { askEmail: true });
    await apply(other, NOW + MINUTE, message({ text: 'not telling' }), { askEmail: true });
    expect(tokenItem(other)?.nextAttemptAt).toBe(NOW + MINUTE);
  });

  it('pushes a signed website link at once, even with the phone asked', async () => {
    const store = await openStore();
    await apply(store, NOW, start(signPayload('test-link-secret-0123456789', 'externalCustomerId', 'crm-77') ?? 'unsigned'), { askPhone: true });
    expect(store.get<StoredSubscriber>(COLLECTIONS.subscribers, `${BOT_ID}:${olena.id}`)?.awaiting).toBe('phone');
    expect(tokenItem(store)?.nextAttemptAt).toBe(NOW);
  });

  it('keeps a held push held through "sync now"', async () => {
    const store = await openStore();
    await apply(store, NOW, start(), { askPhone: true });
    const index = new OutboxIndex(store.collection<OutboxItem>(COLLECTIONS.outbox));
    index.rebuild(NOW + MINUTE);
    expect(index.take('token', NOW + MINUTE, 10)).toEqual([]);
    expect(index.take('token', NOW + 10 * MINUTE, 10).map((i) => i.chatId)).toEqual([olena.id]);
  });
});
