import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import { addressScope } from './listen-address.js';

/** 32 random bytes, URL-safe: the link carries it once, then the cookie does. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Cookies ignore ports: without the port in the name, a second shell's link would log the first one's tab out. */
export function sessionCookieName(port: number): string {
  return `tcy_session_${port}`;
}

/** What the cookie holds: derived from the token, so the browser's cookie store never has the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('session').digest('base64url');
}

export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${sessionValue(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function formatHost(host: string, port: number): string {
  const name = host.includes(':') ? `[${host}]` : host;
  // Browsers leave the default port out of Host and Origin.
  return port === 80 ? name : `${name}:${port}`;
}

/**
 * The `Host` values a browser sends for this server, the one for the link first: the bound address,
 * loopback names for a loopback bind, and for a bind to every interface (`--allow-remote`) each of
 * this machine's addresses of that family (`localAddresses`, the one to put in the link first).
 */
export function allowedHosts(host: string, port: number, localAddresses: readonly string[] = []): Set<string> {
  const names = (): string[] => {
    if (host === '127.0.0.1' || host === 'localhost') return [host, 'localhost', '127.0.0.1'];
    if (addressScope(host) !== 'unspecified') return [host];
    // An IPv4 wildcard is out of reach over IPv6; the IPv6 one takes both on a dual-stack system.
    const reachable = net.isIPv4(host) ? localAddresses.filter((address) => net.isIPv4(address)) : localAddresses;
    return [...reachable, '127.0.0.1', 'localhost'];
  };
  return new Set(names().map((name) => formatHost(name, port).toLowerCase()));
}

export type Access =
  | { ok: true }
  | { ok: false; status: 401 | 403; reason: string };

/**
 * Decides whether a request may reach the API, the event socket or the UI files.
 * A foreign `Host` (DNS rebinding) or `Origin` (another site's page) is refused outright;
 * otherwise a bearer token must be our token, or the session cookie named `cookieName` its derived value.
 */
export function checkAccess(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>, token: string, cookieName: string): Access {
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return { ok: false, status: 403, reason: 'This server only answers requests addressed to its own address.' };
  const origin = headers.origin;
  if (origin !== undefined && !hosts.has(originHost(origin))) {
    return { ok: false, status: 403, reason: 'Requests from other sites are refused.' };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  const cookie = readCookie(headers.cookie, cookieName);
  const valid = bearer !== undefined ? tokensEqual(bearer, token) : cookie !== undefined && tokensEqual(cookie, sessionValue(token));
  if (!valid) {
    return { ok: false, status: 401, reason: 'Open the link printed in the terminal where the headless shell runs.' };
  }
  return { ok: true };
}

/** `http://host:port` → `host:port`; anything else (https, "null", garbage) matches no allowed host. */
function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.pathname === '/' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}
