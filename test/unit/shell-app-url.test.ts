import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, resolveAppPath, urlOrigin } from '../../electron/main/app-url.js';
import { contentType } from '../../electron/core/content-type.js';

const root = '/opt/app/dist';

describe('resolveAppPath', () => {
  it('maps app://app/ URLs to files under the root', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe('/opt/app/dist/index.html');
    expect(resolveAppPath(root, 'app://app/assets/index-abc.js')).toBe('/opt/app/dist/assets/index-abc.js');
    expect(resolveAppPath(root, 'app://app/assets/a%20b.css?v=1#x')).toBe('/opt/app/dist/assets/a b.css');
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath(root, 'app://app/')).toBe('/opt/app/dist/index.html');
    expect(resolveAppPath(root, 'app://app')).toBe('/opt/app/dist/index.html');
  });

  it('keeps literal dot segments inside the root (the URL parser resolves them first)', () => {
    expect(resolveAppPath(root, 'app://app/../secret.txt')).toBe('/opt/app/dist/secret.txt');
    expect(resolveAppPath(root, 'app://app/assets/../../../etc/passwd')).toBe('/opt/app/dist/etc/passwd');
    expect(resolveAppPath(root, 'app://app/%2e%2e/secret.txt')).toBe('/opt/app/dist/secret.txt');
  });

  it('refuses every encoded way out of the root', () => {
    for (const url of [
      'app://app/assets/..%2F..%2Fsecret.txt',
      'app://app/..%2f..%2fetc%2fpasswd',
      'app://app/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://app/index.html%00.png',
      'app://app/%E0%A4%A',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('refuses backslash traversal on Windows', () => {
    const winRoot = 'C:\\Program Files\\App\\resources\\app.asar\\dist';
    expect(resolveAppPath(winRoot, 'app://app/assets/x.js', path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    expect(resolveAppPath(winRoot, 'app://app/..%5C..%5Csecret.txt', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://app/assets/..%5C..%5C..%5Csecret.txt', path.win32)).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppPath(root, 'file:///opt/app/dist/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://app/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://app.evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });

  it('does not let a sibling folder with the same prefix pass the guard', () => {
    expect(resolveAppPath(root, 'app://app/..%2Fdist-other/x.js')).toBeNull();
    expect(resolveAppPath(root, 'app://app/..%2Fdist')).toBeNull();
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

describe('contentType', () => {
  it('gives module scripts and pages their types', () => {
    expect(contentType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentType('/x/font.woff2')).toBe('font/woff2');
    expect(contentType('/x/blob.bin')).toBe('application/octet-stream');
  });
});
