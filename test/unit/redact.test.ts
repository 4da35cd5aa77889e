import { describe, expect, it } from 'vitest';
import { redact, rememberSecret } from '../../electron/core/redact.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('redact', () => {
  it('masks the base64 forms of a registered key, alone and inside any Basic credential', () => {
    const key = 'REDACT-TEST-KEY-81f2c9d4';
    rememberSecret(key);
    for (const user of ['api', 'x', 'shop-owner', '']) {
      const credential = b64(`${user}:${key}`);
      const out = redact(`body echoed: ${credential} and ${b64url(`${user}:${key}`)}`);
      expect(out, `user "${user}"`).not.toContain(credential);
      expect(out).not.toContain(b64(key).slice(4, -4));
    }
    expect(redact(`raw ${b64(key)} url ${b64url(key)}`)).toBe('raw <redacted> url <redacted>');
  });

  it('masks any Basic credential, even of a key it was never told about', () => {
    const header = `Basic ${b64('api:never-registered-key-123')}`;
    expect(redact(`{"message":"Bad header Authorization: ${header}"}`)).toBe('{"message":"Bad header Authorization: Basic <redacted>"}');
    expect(redact('authorization: basic dXNlcjpwYXNzd29yZA==')).toBe('authorization: basic <redacted>');
  });

  it('masks a URL-encoded form of a registered secret and of any bot token', () => {
    const key = 'key with spaces/and+plus=2f';
    rememberSecret(key);
    expect(redact(`?k=${encodeURIComponent(key)}`)).toBe('?k=<redacted>');
    const token = '5550001112:AAUrlEncodedTokenNeverRegistered_abcd';
    const out = redact(`https://api.telegram.org/bot${encodeURIComponent(token)}/getMe`);
    expect(out).not.toContain(token.split(':')[1]);
    expect(out).toContain('5550001112');
  });

  it("masks a registered bot token's secret half on its own", () => {
    const token = '5550001113:AAsecretHalfStandsAloneHere_0123456789';
    rememberSecret(token);
    const half = token.split(':')[1];
    expect(redact(`the token ends in ${half}.`)).toBe('the token ends in <redacted>.');
    expect(redact(`encoded ${b64(half)}`)).not.toContain(b64(half));
  });
});
