import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredSubscriber } from '../../electron/core/store/schema.js';
import { contactUpdateFor, identityOf, identityReasonOf, tokenEntryFor } from '../../electron/core/yespo/identity.js';

describe('tokenEntryFor', () => {
  it('pushes an anonymous subscriber with the stable prefixed id only', () => {
    expect(tokenEntryFor({ chatId: 123 }, 'tg-')).toEqual({
      entry: { token: '123', externalCustomerId: 'tg-123' },
      identity: { kind: 'externalCustomerId', value: 'tg-123' },
      reason: 'anonymous',
      pushed: { externalCustomerId: 'tg-123' },
    });
  });

  it('pushes the phone and email without the anonymous id, the phone as the identity', () => {
    const r = tokenEntryFor({ chatId: 5, phone: '+38 (050) 123-45-67', email: ' olena@example.com ' }, 'tg-');
    expect(r.entry).toEqual({ token: '5', phone: '380501234567', email: 'olena@example.com' });
    expect(r.identity).toEqual({ kind: 'phone', value: '380501234567' });
    expect(r.pushed).toEqual({ phone: '380501234567', email: 'olena@example.com' });
  });

  it('uses the email when there is no phone', () => {
    const r = tokenEntryFor({ chatId: 5, email: 'o@example.com' }, 'x-');
    expect(r.entry).toEqual({ token: '5', email: 'o@example.com' });
    expect(r.identity).toEqual({ kind: 'email', value: 'o@example.com' });
  });

  it('puts a signed identity first and sends the channels along as fallbacks', () => {
    const ext = tokenEntryFor({ chatId: 9, phone: '380501234567', signedIdentity: { kind: 'externalCustomerId', value: 'shop-77' } }, 'tg-');
    expect(ext.entry).toEqual({ token: '9', externalCustomerId: 'shop-77', phone: '380501234567' });
    expect(ext.identity).toEqual({ kind: 'externalCustomerId', value: 'shop-77' });

    const cid = tokenEntryFor({ chatId: 9, signedIdentity: { kind: 'contactId', value: '123456789' } }, 'tg-');
    expect(cid.entry).toEqual({ token: '9', contactId: 123456789 });
    expect(cid.pushed).toEqual({ contactId: 123456789 });
  });

  it('never sends a contactId JSON cannot carry exactly', () => {
    const r = tokenEntryFor({ chatId: 9, signedIdentity: { kind: 'contactId', value: '123456789012345678' } }, 'tg-');
    expect(r.entry).toEqual({ token: '9', externalCustomerId: 'tg-9' });
  });

  it('leaves out a phone or email that would not pass Yespo’s checks', () => {
    const r = tokenEntryFor({ chatId: 3, phone: '12', email: 'not-an-email' }, 'tg-');
    expect(r.entry).toEqual({ token: '3', externalCustomerId: 'tg-3' });
  });
});

describe('contactUpdateFor', () => {
  it('finds the contact by the pushed externalCustomerId and adds the channels and name', () => {
    expect(
      contactUpdateFor({ firstName: 'Olena', lastName: 'K', phone: '380501234567', pushed: { externalCustomerId: 'tg-1', at: 1 } }),
    ).toEqual({ externalCustomerId: 'tg-1', phone: '380501234567', firstName: 'Olena', lastName: 'K' });
  });

  it('prefers a pushed contactId', () => {
    expect(contactUpdateFor({ firstName: 'A', email: 'a@example.com', pushed: { contactId: 77, email: 'a@example.com', at: 1 } })).toEqual({
      id: 77,
      email: 'a@example.com',
      firstName: 'A',
    });
  });

  it('lets the channels find a contact pushed by phone or email', () => {
    expect(contactUpdateFor({ firstName: 'A', phone: '380501234567', email: 'a@example.com', pushed: { phone: '380501234567', at: 1 } })).toEqual({
      phone: '380501234567',
      email: 'a@example.com',
      firstName: 'A',
    });
  });

  it('has nothing to send without any identifier', () => {
    expect(contactUpdateFor({ firstName: 'A' })).toBeNull();
  });
});

describe('one identity rule for pushing and showing', () => {
  const subscriberArb = fc.record({
    chatId: fc.integer({ min: 1, max: 2 ** 52 }),
    phone: fc.option(fc.oneof(fc.constant('+380 (50) 111-22-33'), fc.constant('12'), fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/)), { nil: undefined }),
    email: fc.option(fc.oneof(fc.emailAddress(), fc.constant(' olena@example.com '), fc.constant('not an email')), { nil: undefined }),
    signedIdentity: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('externalCustomerId' as const), value: fc.string({ minLength: 1, maxLength: 34 }) }),
        fc.record({ kind: fc.constant('contactId' as const), value: fc.oneof(fc.constant('99999999999999999999'), fc.integer({ min: 1 }).map(String)) }),
      ),
      { nil: undefined },
    ),
  });

  it('the identity the screens show is the one that is pushed, before and after the push', () => {
    fc.assert(
      fc.property(subscriberArb, (fields) => {
        const s = { botId: 1, state: 'active', firstStartAt: 1, lastStartAt: 1, yespo: { state: 'pending' }, tokenInYespo: false, ...fields } as StoredSubscriber;
        const { identity, reason, pushed } = tokenEntryFor(s, 'tg-');
        expect(identityOf(s, 'tg-')).toEqual(identity);
        expect(identityOf({ ...s, pushed: { ...pushed, at: 2 } }, 'tg-')).toEqual(identity);
        expect(identityReasonOf(s, 'tg-')).toBe(reason);
        expect(identityReasonOf({ ...s, pushed: { ...pushed, reason, at: 2 } }, 'tg-')).toBe(reason);
        // A push recorded before reasons were: its identifiers tell the same reason.
        expect(identityReasonOf({ ...s, pushed: { ...pushed, at: 2 } }, 'tg-')).toBe(reason);
      }),
      { numRuns: 400 },
    );
  });
});

describe('why the token goes to that contact', () => {
  const base = { botId: 1, chatId: 9, firstName: '', state: 'active', firstStartAt: 1, lastStartAt: 1, yespo: { state: 'pending' }, tokenInYespo: false } as StoredSubscriber;
  const signed = { kind: 'externalCustomerId' as const, value: 'crm-77' };

  it('names each reason in the order the identity is chosen', () => {
    expect(tokenEntryFor({ chatId: 9 }, 'tg-').reason).toBe('anonymous');
    expect(tokenEntryFor({ chatId: 9, email: 'o@example.com' }, 'tg-').reason).toBe('email');
    expect(tokenEntryFor({ chatId: 9, phone: '380501112233', email: 'o@example.com' }, 'tg-').reason).toBe('phone');
    expect(tokenEntryFor({ chatId: 9, phone: '380501112233', signedIdentity: signed }, 'tg-').reason).toBe('signed-link');
  });

  it('pushes to the contact Yespo says holds the token, ahead of a signed link, with the channels along', () => {
    const r = tokenEntryFor({ chatId: 9, phone: '380501112233', signedIdentity: signed }, 'tg-', 100_000_007);
    expect(r.entry).toEqual({ token: '9', contactId: 100_000_007, phone: '380501112233' });
    expect(r.identity).toEqual({ kind: 'contactId', value: '100000007' });
    expect(r.reason).toBe('token-lookup');
  });

  it('shows the reason recorded at the push, whatever the details say now', () => {
    const pushed = { contactId: 100_000_007, phone: '380501112233', reason: 'token-lookup' as const, at: 2 };
    expect(identityReasonOf({ ...base, phone: '380501112233', pushed }, 'tg-')).toBe('token-lookup');
    expect(identityReasonOf({ ...base, signedIdentity: signed, pushed: { externalCustomerId: 'tg-9', at: 2 } }, 'tg-')).toBe('anonymous');
    expect(identityReasonOf({ ...base, signedIdentity: signed, pushed: { externalCustomerId: 'crm-77', at: 2 } }, 'tg-')).toBe('signed-link');
  });
});
