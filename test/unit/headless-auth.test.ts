import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { allowedHosts, checkAccess, createToken, readCookie, sessionCookie, sessionCookieName, sessionValue, tokensEqual } from '../../electron/headless/auth.js';

const token = 'a-token-of-enough-length-1234567890';
const hosts = allowedHosts('127.0.0.1', 4321);
const cookieName = sessionCookieName(4321);
const session = `${cookieName}=${sessionValue(token)}`;

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

  it('accepts this machine’s own addresses and loopback names for a bind to every interface, remote ones first', () => {
    const local = ['192.168.1.5', 'fe80::1', '127.0.0.1', '::1'];
    expect([...allowedHosts('::0', 8080, local)]).toEqual(['192.168.1.5:8080', '[fe80::1]:8080', '127.0.0.1:8080', '[::1]:8080', 'localhost:8080']);
    expect([...allowedHosts('0.0.0.0', 8080, local)]).toEqual(['192.168.1.5:8080', '127.0.0.1:8080', 'localhost:8080']);
    expect([...allowedHosts('192.168.1.5', 8080, local)]).toEqual(['192.168.1.5:8080']);
  });

  it('names the session cookie after the port, since cookies ignore ports', () => {
    expect(sessionCookieName(4321)).toBe('tcy_session_4321');
    expect(sessionCookieName(4322)).not.toBe(sessionCookieName(4321));
  });

  it('keeps a value derived from the token in the cookie, never the token itself', () => {
    const value = sessionValue(token);
    expect(value).toBe(createHmac('sha256', token).update('session').digest('base64url'));
    expect(value).not.toContain(token);
    expect(sessionValue('another-token-of-enough-length-123')).not.toBe(value);
    expect(sessionCookie(token, 4321)).toBe(`tcy_session_4321=${value}; HttpOnly; SameSite=Strict; Path=/`);
    expect(sessionCookie(token, 4321)).not.toContain(token);
  });

  it('writes an HttpOnly, SameSite=Strict session cookie and reads it back among others', () => {
    expect(readCookie(`theme=dark; tcy_session=${token}; other=1`, 'tcy_session')).toBe(token);
    expect(readCookie('theme=dark', 'tcy_session')).toBeUndefined();
    expect(readCookie(undefined, 'tcy_session')).toBeUndefined();
  });

  it('lets in the session cookie or a bearer token', () => {
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: session }, hosts, token, cookieName)).toEqual({ ok: true });
    expect(checkAccess({ host: 'localhost:4321', authorization: `Bearer ${token}` }, hosts, token, cookieName)).toEqual({ ok: true });
    expect(checkAccess({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', cookie: `tcy_session_4322=other; ${session}` }, hosts, token, cookieName)).toEqual({ ok: true });
  });

  it('answers 401 to a missing or wrong token', () => {
    expect(checkAccess({ host: '127.0.0.1:4321' }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: `${cookieName}=wrong` }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', authorization: 'Basic abc' }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 401 to the token itself in the cookie, and to another port’s cookie', () => {
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: `${cookieName}=${token}` }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: `tcy_session=${token}` }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: `tcy_session_4322=${sessionValue(token)}` }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 403 to a foreign Host or Origin even with the right token', () => {
    const withToken = { cookie: session };
    expect(checkAccess({ ...withToken, host: 'evil.example' }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken, host: 'evil.example:4321' }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken, host: '127.0.0.1:9999' }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess({ ...withToken }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 403 });
    for (const origin of ['http://evil.example', 'https://127.0.0.1:4321', 'null', 'http://127.0.0.1:4322', 'not a url']) {
      expect(checkAccess({ ...withToken, host: '127.0.0.1:4321', origin }, hosts, token, cookieName)).toMatchObject({ ok: false, status: 403 });
    }
  });
});
