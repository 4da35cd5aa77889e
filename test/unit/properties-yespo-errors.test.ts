import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readErrorText } from '../../electron/core/yespo/client.js';

// fast-check prints the seed and path of a failing run; pass them to fc.assert to replay it.
const RUNS = 400;
const MAX_TEXT = 300;

const contentType = fc.oneof(
  fc.constant(null),
  fc.constantFrom('application/json', 'application/json; charset=UTF-8', 'text/plain', 'text/html; charset=utf-8'),
  fc.string({ maxLength: 40 }),
);

const json = fc.jsonValue().map((value) => JSON.stringify(value));
/** Yespo's shapes, with any value where the message should be. */
const yespoShaped = fc
  .oneof(
    fc.record({ message: fc.anything() }),
    fc.record({ errors: fc.oneof(fc.record({ message: fc.anything() }), fc.array(fc.record({ message: fc.anything() }), { maxLength: 5 }), fc.anything()) }),
    fc.record({ error: fc.anything(), code: fc.integer() }),
  )
  .map((value) => JSON.stringify(value) ?? '');
const html = fc.tuple(fc.string(), fc.string(), fc.string()).map(([title, h1, rest]) => `<html><head><title>${title}</title></head><body><h1>${h1}</h1>${rest}</body></html>`);
/** `{"errors":{"errors":…}}` nested deeper than any stack would follow by recursion. */
const deep = fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"errors":'.repeat(depth)}"x"${'}'.repeat(depth)}`);

const body = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), json, yespoShaped, html, deep);

describe('property: Yespo error bodies', () => {
  it('never throw, and give a short text for every body that is not blank', () => {
    fc.assert(
      fc.property(body, contentType, (text, type) => {
        const read = readErrorText(text, type);
        if (text.trim() === '') {
          expect(read).toBeUndefined();
          return;
        }
        expect(typeof read).toBe('string');
        expect(read!.length).toBeGreaterThan(0);
        expect(read!.length).toBeLessThanOrEqual(MAX_TEXT);
      }),
      { numRuns: RUNS },
    );
  });
});
