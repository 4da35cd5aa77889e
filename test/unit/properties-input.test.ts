import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiKeyProblem, extractApiKey, extractAppUuid, extractBotToken } from '../../electron/core/contract/input.js';

// fast-check prints the seed and path of a failing run; pass them to fc.assert to replay it.
const RUNS = 400;

const TOKEN_SHAPE = /^\d{5,15}:[A-Za-z0-9_-]{30,50}$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const DIGITS = '0123456789';
const BASE64URL = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz${DIGITS}_-`;
const HEX = `${DIGITS}abcdefABCDEF`;

const botToken = fc.tuple(chars(DIGITS, 8, 10), chars(BASE64URL, 35, 35)).map(([id, secret]) => `${id}:${secret}`);
const appUuid = fc.tuple(chars(HEX, 8, 8), chars(HEX, 4, 4), chars(HEX, 4, 4), chars(HEX, 4, 4), chars(HEX, 12, 12)).map((parts) => parts.join('-'));

/** What sits around a pasted value: spacing, quotes, and the sentences of BotFather or a Yespo page. */
const SPACING = [' ', '  ', '\n', '\r\n', '\t', '\u00a0'];
const QUOTES = ['"', "'", '`', '«', '»', '“', '”', '‘', '’'];
const PROSE = [
  'Done! Congratulations on your new bot. You will find it at t.me/flowers_shop_bot.',
  'Use this token to access the HTTP API:',
  'Keep your token secure and store it safely, it can be used by anyone to control your bot.',
  'For a description of the Bot API, see this page: https://core.telegram.org/bots/api',
  'Bot ID:',
  'Ключ:',
];
const spacing = fc.array(fc.constantFrom(...SPACING, ...QUOTES), { maxLength: 4 }).map((a) => a.join(''));
const separator = fc.array(fc.constantFrom(...SPACING, ...QUOTES), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
const surroundings = fc.array(fc.oneof(fc.constantFrom(...PROSE), fc.constantFrom(...SPACING)), { maxLength: 4 }).map((a) => a.join('\n'));

/** `value` with text around it, kept apart from it by at least one space or quote. */
function pasted(value: fc.Arbitrary<string>): fc.Arbitrary<[string, string]> {
  return fc.tuple(value, surroundings, separator, separator, surroundings).map(([v, before, s1, s2, after]) => [v, `${before}${s1}${v}${s2}${after}`]);
}

describe('property: a pasted bot token', () => {
  it('is found with spacing, quotes and BotFather’s message around it', () => {
    fc.assert(
      fc.property(pasted(botToken), ([token, text]) => {
        expect(extractBotToken(text)).toBe(token);
      }),
      { numRuns: RUNS },
    );
  });

  it('is either nothing or a well-formed token that was in the text, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), pasted(botToken).map(([, t]) => t + t.slice(0, 20))), (text) => {
        const found = extractBotToken(text);
        if (found !== null) {
          expect(found).toMatch(TOKEN_SHAPE);
          expect(text).toContain(found);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: a pasted bot ID (app_uuid)', () => {
  it('is found, lowercased, with spacing and quotes around it or inside a Yespo API address', () => {
    const inAddress = appUuid.map((u) => [u, `https://yespo.io/api/v1/apps/${u}/tokens`] as [string, string]);
    fc.assert(
      fc.property(fc.oneof(pasted(appUuid), inAddress), ([uuid, text]) => {
        expect(extractAppUuid(text)).toBe(uuid.toLowerCase());
      }),
      { numRuns: RUNS },
    );
  });

  it('is either nothing or a lowercase UUID that was in the text, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), pasted(appUuid).map(([, t]) => t)), (text) => {
        const found = extractAppUuid(text);
        if (found !== null) {
          expect(found).toMatch(UUID_SHAPE);
          expect(text.toLowerCase()).toContain(found);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: a pasted API key', () => {
  const key = fc.string({ minLength: 8, maxLength: 80 }).filter((k) => !/[\s"'`«»“”‘’]/.test(k) && !TOKEN_SHAPE.test(k) && !/\d{5,15}:/.test(k));

  it('is found with spacing and quotes around it', () => {
    fc.assert(
      fc.property(key, spacing, spacing, (k, before, after) => {
        expect(extractApiKey(`${before}${k}${after}`)).toBe(k);
      }),
      { numRuns: RUNS },
    );
  });

  it('is either nothing or a key the checks accept, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 1_200 })), (text) => {
        const found = extractApiKey(text);
        if (found !== null) {
          expect(apiKeyProblem(found)).toBeNull();
          expect(found).not.toMatch(/\s/);
          expect(found.length).toBeGreaterThanOrEqual(8);
          expect(text).toContain(found);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
