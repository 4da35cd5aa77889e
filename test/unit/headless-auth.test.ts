import { describe, expect, it } from 'vitest';
import { allowedHosts, checkAccess, createToken, readCookie, sessionCookie, tokensEqual } from '../../electron/headless/auth.js';

const token = 'a-token-of-enough-length-1234567890';
const hosts = allowedHosts('127.0.0.1', 4321);

describe('headless access checks', () => {
  it('makes a fresh 32-byte URL-safe token each time', () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(createToken()).not.toBe(a);
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual('short', token)).toBe(false);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });

  it('accepts the loopback names for a loopback bind, and only the bound address otherwise', () => {
    expect([...hosts].sort()).toEqual(['127.0.0.1:4321', 'localhost:4321']);
    expect([...allowedHosts('192.168.1.5', 80)]).toEqual(['192.168.1.5']);
    expect([...allowedHosts('::1', 9000)]).toEqual(['[::1]:9000']);
  });

  it('writes an HttpOnly, SameSite=Strict session cookie and reads it back among others', () => {
    expect(sessionCookie(token)).toBe(`tcy_session=${token}; HttpOnly; SameSite=Strict; Path=/`);
    expect(readCookie(`theme=dark; tcy_session=${token}; other=1`, 'tcy_session')).toBe(token);
    expect(readCookie('theme=dark', 'tcy_session')).toBeUndefined();
    expect(readCookie(undefined, 'tcy_session')).toBeUndefined();
  });

  it('lets in the session cookie or a bearer token', () => {
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: `tcy_session=${token}` }, hosts, token)).toEqual({ ok: true });
    expect(checkAccess({ host: 'localhost:4321', authorization: `Bearer ${token}` }, hosts, token)).toEqual({ ok: true });
    expect(checkAccess({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', cookie: `tcy_session=${token}` }, hosts, token)).toEqual({ ok: true });
  });

  it('answers 401 to a missing or wrong token', () => {
    expect(checkAccess({ host: '127.0.0.1:4321' }, hosts, token)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: 'tcy_session=wrong' }, hosts, token)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', authorization: 'Basic abc' }, hosts, token)).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 403 to a foreign Host or Origin even with the right token', () => {
    const withToken = { cookie: `tcy_session=${token}` };
    expect(checkAccess({ ...withToken, host: 'evil.example' }, hosts, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken, host: 'evil.example:4321' }, hosts, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken, host: '127.0.0.1:9999' }, hosts, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken }, hosts, token)).toMatchObject({ ok: false, status: 403 });
    for (const origin of ['http://evil.example', 'https://127.0.0.1:4321', 'null', 'http://127.0.0.1:4322', 'not a url']) {
      expect(checkAccess({ ...withToken, host: '127.0.0.1:4321', origin }, hosts, token)).toMatchObject({ ok: false, status: 403 });
    }
  });
});
