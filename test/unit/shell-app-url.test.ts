import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, appUrlPath, routeUrl, urlOrigin } from '../../electron/main/app-url.js';

describe('appUrlPath', () => {
  it('gives the path of app://app/ URLs, still encoded, for the shared UI-files module to resolve', () => {
    expect(appUrlPath(APP_ENTRY_URL)).toBe('/index.html');
    expect(appUrlPath('app://app/assets/a%20b.css?v=1#x')).toBe('/assets/a%20b.css');
    expect(appUrlPath('app://app')).toBe('');
    expect(appUrlPath('app://app/..%2Fpackage.json')).toBe('/..%2Fpackage.json');
  });

  it('lets the URL parser resolve literal dot segments first', () => {
    expect(appUrlPath('app://app/assets/../../../etc/passwd')).toBe('/etc/passwd');
    expect(appUrlPath('app://app/%2e%2e/secret.txt')).toBe('/secret.txt');
  });

  it('refuses other schemes and hosts', () => {
    expect(appUrlPath('file:///opt/app/dist/index.html')).toBeNull();
    expect(appUrlPath('https://app/index.html')).toBeNull();
    expect(appUrlPath('app://evil/index.html')).toBeNull();
    expect(appUrlPath('app://app.evil/index.html')).toBeNull();
    expect(appUrlPath('not a url')).toBeNull();
  });
});

describe('urlOrigin', () => {
  it('builds the origin of app: URLs, which Node reports as "null"', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(urlOrigin(APP_ENTRY_URL)).toBe(APP_ORIGIN);
  });

  it('matches the URL origin for http(s) and keeps the port', () => {
    expect(urlOrigin('http://localhost:5173/index.html')).toBe('http://localhost:5173');
    expect(urlOrigin('https://example.com:443/x')).toBe('https://example.com');
  });

  it('gives null for URLs without a host', () => {
    expect(urlOrigin('about:blank')).toBeNull();
    expect(urlOrigin('data:text/html,hi')).toBeNull();
    expect(urlOrigin('')).toBeNull();
  });
});

describe('routeUrl', () => {
  it('opens a UI route in the window’s page (hash history), from the app or the dev server', () => {
    expect(routeUrl(APP_ENTRY_URL, '/settings?section=api-key')).toBe('app://app/index.html#/settings?section=api-key');
    expect(routeUrl(`${APP_ENTRY_URL}#/subscribers`, '/')).toBe('app://app/index.html#/');
    expect(routeUrl('http://localhost:5173/', '/settings?section=bot')).toBe('http://localhost:5173/#/settings?section=bot');
  });

  it('refuses anything that is not a plain route, so a notification never takes the window elsewhere', () => {
    expect(routeUrl(APP_ENTRY_URL, 'https://evil.example/')).toBeNull();
    expect(routeUrl(APP_ENTRY_URL, '//evil.example/')).toBeNull();
    expect(routeUrl(APP_ENTRY_URL, '/settings#x')).toBeNull();
    expect(routeUrl(APP_ENTRY_URL, 'javascript:alert(1)')).toBeNull();
    expect(routeUrl(APP_ENTRY_URL, '')).toBeNull();
  });
});
