import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signPayload, verifyPayload, type SignedKind } from '../../electron/core/links/signing.js';

// fast-check prints the seed and path of a failing run; pass them to fc.assert to replay it.
const RUNS = 400;

const secret = fc.string({ minLength: 16, maxLength: 64 });
/** A shop's customer id as the wizard accepts it: up to 34 bytes of UTF-8. */
const customerId = fc.string({ unit: 'binary', minLength: 1, maxLength: 34 }).filter((id) => Buffer.byteLength(id, 'utf8') <= 34);
const contactId = fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String);
const identity = fc.oneof(
  customerId.map((value) => ({ kind: 'externalCustomerId' as SignedKind, value })),
  contactId.map((value) => ({ kind: 'contactId' as SignedKind, value })),
);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/**
 * Mostly characters a payload may hold, and the other base64 alphabet's `+ / =` that a lenient
 * decoder reads the same, since those are the changes a forger would try.
 */
const replacement = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BASE64URL) },
  { weight: 2, arbitrary: fc.constantFrom('+', '/', '=', ' ', '.') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

describe('property: signed deep-link payloads', () => {
  it('round-trips any id within the limit', () => {
    fc.assert(
      fc.property(secret, identity, (key, { kind, value }) => {
        const payload = signPayload(key, kind, value);
        expect(payload).not.toBeNull();
        expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        expect(verifyPayload(key, payload!)).toEqual({ kind, value });
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a payload with any single character changed', () => {
    fc.assert(
      fc.property(secret, identity, fc.nat(), replacement, (key, { kind, value }, at, char) => {
        const payload = signPayload(key, kind, value)!;
        const i = at % payload.length;
        fc.pre(payload[i] !== char);
        const changed = payload.slice(0, i) + char + payload.slice(i + 1);
        expect(verifyPayload(key, changed)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a payload signed with another secret', () => {
    fc.assert(
      fc.property(secret, secret, identity, (key, other, { kind, value }) => {
        fc.pre(key !== other);
        expect(verifyPayload(other, signPayload(key, kind, value)!)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary text, and proves only a well-formed identity', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }).map((s) => `s${s}`)), (key, text) => {
        const proved = verifyPayload(key, text);
        if (proved) {
          expect(['externalCustomerId', 'contactId']).toContain(proved.kind);
          expect(proved.value.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
