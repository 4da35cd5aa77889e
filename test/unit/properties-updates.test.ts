import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, Tx } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { applyUpdate, type TgUpdate } from '../../electron/core/telegram/updates.js';
import { tempDir } from '../support/temp-dir.js';
import { updateContext } from '../support/update-context.js';

// fast-check prints the seed and path of a failing run; pass them to fc.assert to replay it.
const RUNS = 300;

/** A few chat ids, so one batch has several updates for the same person. */
const chatId = fc.integer({ min: 1, max: 4 });
/** Anything at all, or the value Telegram would send. */
const or = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.anything() });
const name = or(fc.string({ maxLength: 80 }));

const user = (id: number) =>
  fc.record(
    {
      id: or(fc.constant(id)),
      is_bot: or(fc.boolean()),
      first_name: name,
      last_name: name,
      username: name,
      language_code: or(fc.constantFrom('uk', 'en', 'de', 'pt-br')),
    },
    { requiredKeys: ['id'] },
  );

const chat = (id: number) => fc.record({ id: or(fc.constant(id)), type: or(fc.constant('private')) });

const text = or(fc.oneof(fc.constantFrom('/start', '/start instagram', '/start@shop_bot promo', 'hello'), fc.emailAddress(), fc.string()));

const message = chatId.chain((id) =>
  fc.record(
    {
      chat: or(chat(id)),
      from: or(user(id)),
      text,
      contact: or(fc.record({ phone_number: or(fc.constantFrom('+380 50 123 45 67', '380501234567')), user_id: or(fc.constantFrom(id, id + 1)) })),
    },
    { requiredKeys: ['chat', 'from'] },
  ),
);

const membership = chatId.chain((id) =>
  fc.record({ chat: or(chat(id)), from: or(user(id)), new_chat_member: or(fc.record({ status: or(fc.constantFrom('kicked', 'member')) })) }),
);

const update: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ update_id: fc.nat(), message }),
  fc.record({ update_id: fc.nat(), my_chat_member: membership }),
  fc.anything(),
);

let store: Store;
let remove: () => void;
beforeAll(async () => {
  const t = tempDir();
  remove = t.remove;
  store = await Store.open(t.dir);
});
afterAll(async () => {
  await store.close();
  remove();
});

function storedSubscribers(tx: Tx): StoredSubscriber[] {
  return tx.ops.filter((op) => op.c === COLLECTIONS.subscribers && op.v).map((op) => op.v as StoredSubscriber);
}

const isTextOrAbsent = (value: unknown): boolean => value === undefined || typeof value === 'string';

describe('property: any update shape', () => {
  it('never throws out of applyUpdate and never stores a name, username, language or phone that is not a string', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 8 }), (updates) => {
        const tx = new Tx();
        const ctx = updateContext(store);
        for (const u of updates) applyUpdate(tx, ctx, u as TgUpdate);
        for (const s of storedSubscribers(tx)) {
          expect(typeof s.firstName).toBe('string');
          for (const field of [s.lastName, s.username, s.languageCode, s.phone, s.email]) expect(isTextOrAbsent(field)).toBe(true);
          expect(Number.isSafeInteger(s.chatId)).toBe(true);
          expect(s.firstName.length).toBeLessThanOrEqual(64);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('still records a well-formed /start among them', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 4 }), fc.string({ maxLength: 64 }), (noise, firstName) => {
        const tx = new Tx();
        const ctx = updateContext(store);
        const start = { update_id: 1, message: { chat: { id: 99, type: 'private' }, from: { id: 99, first_name: firstName }, text: '/start' } };
        for (const u of [...noise, start]) applyUpdate(tx, ctx, u as TgUpdate);
        expect(storedSubscribers(tx).filter((s) => s.chatId === 99).at(-1)?.firstName).toBe(firstName);
      }),
      { numRuns: RUNS },
    );
  });
});
