import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentType } from '../../electron/core/ui-files/content-type.js';
import { contentSecurityPolicy } from '../../electron/core/ui-files/csp.js';
import { findUiFile, resolveInside } from '../../electron/core/ui-files/ui-file.js';

const root = path.resolve('/opt/app/dist');

describe('resolveInside', () => {
  it('maps URL paths to files inside the UI folder, and the bare origin to index.html', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app%20x.js')).toBe(path.join(root, 'assets', 'app x.js'));
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '')).toBe(path.join(root, 'index.html'));
  });

  it('refuses every encoded way out of the folder', () => {
    for (const attempt of [
      '/assets/..%2F..%2Fsecret.txt',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/index.html%00.png',
      '/%E0%A4%A',
      '/..%5c..%5cwindows',
      'no-leading-slash',
    ]) {
      expect(resolveInside(root, attempt), attempt).toBeNull();
    }
  });

  it('does not let a sibling folder with the same prefix, or the folder itself, pass the guard', () => {
    expect(resolveInside(root, '/..%2Fdist-other/x.js')).toBeNull();
    expect(resolveInside(root, '/..%2Fdist')).toBeNull();
  });

  it('refuses backslash traversal on Windows', () => {
    const winRoot = 'C:\\Program Files\\App\\resources\\app.asar\\dist';
    expect(resolveInside(winRoot, '/assets/x.js', path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    expect(resolveInside(winRoot, '/..%5C..%5Csecret.txt', path.win32)).toBeNull();
    expect(resolveInside(winRoot, '/assets/..%2F..%2F..%2Fsecret.txt', path.win32)).toBeNull();
  });
});

describe('findUiFile', () => {
  const ui = mkdtempSync(path.join(os.tmpdir(), 'ui-files-'));
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html>');
  mkdirSync(path.join(ui, 'assets'));
  writeFileSync(path.join(ui, 'assets', 'app-1234.js'), '');
  afterAll(() => rmSync(ui, { recursive: true, force: true }));
  const csp = "default-src 'self'";

  it('answers a file with its type, the CSP, nosniff, and a cache rule: hashed assets forever, the page never', async () => {
    expect(await findUiFile(ui, '/assets/app-1234.js', csp)).toEqual({
      status: 200,
      file: path.join(ui, 'assets', 'app-1234.js'),
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=31536000, immutable',
      },
    });
    const page = await findUiFile(ui, '/', csp);
    expect(page).toMatchObject({ status: 200, file: path.join(ui, 'index.html'), headers: { 'cache-control': 'no-cache' } });
  });

  it('gives the router’s deep links the page, but leaves a missing asset missing', async () => {
    expect(await findUiFile(ui, '/subscribers/42', csp)).toMatchObject({ status: 200, file: path.join(ui, 'index.html') });
    expect(await findUiFile(ui, '/assets', csp)).toMatchObject({ status: 200, file: path.join(ui, 'index.html') });
    expect(await findUiFile(ui, '/assets/missing.js', csp)).toEqual({ status: 404 });
  });

  it('forbids a path out of the folder, and says 404 when the UI is not built', async () => {
    expect(await findUiFile(ui, '/..%2Fpackage.json', csp)).toEqual({ status: 403 });
    expect(await findUiFile(path.join(ui, 'nothing-here'), '/', csp)).toEqual({ status: 404 });
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it('locks the desktop window to its own origin and scheme', () => {
    const csp = directives(contentSecurityPolicy({ scheme: 'app:' }));
    expect(csp.get('default-src')).toEqual(["'self'", 'app:']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const none of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(csp.get(none), none).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ scheme: 'app:' })).not.toMatch(/unsafe-eval|\*/);
  });

  it('adds the dev server and its HMR socket in development only', () => {
    const csp = directives(contentSecurityPolicy({ scheme: 'app:', devServerOrigin: 'http://localhost:5173' }));
    expect(csp.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(csp.get('default-src')).toEqual(["'self'", 'app:', 'http://localhost:5173']);
  });

  it('lets the headless page open its event socket, and nothing else beyond its origin', () => {
    const policy = contentSecurityPolicy({ eventSocket: 'ws://127.0.0.1:8080' });
    const csp = directives(policy);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:8080']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-eval|\*/);
  });
});

describe('contentType', () => {
  it('gives module scripts, pages and fonts their types', () => {
    expect(contentType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentType('logo.SVG')).toBe('image/svg+xml');
    expect(contentType('/x/font.woff2')).toBe('font/woff2');
    expect(contentType('/x/blob.bin')).toBe('application/octet-stream');
  });
});
