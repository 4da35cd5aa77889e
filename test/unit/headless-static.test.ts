import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentType } from '../../electron/core/content-type.js';
import { resolveInside } from '../../electron/headless/static-files.js';

const root = path.resolve('/srv/ui');

describe('headless static files', () => {
  it('maps URL paths to files inside the UI folder', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app%20x.js')).toBe(path.join(root, 'assets', 'app x.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });

  it('never leaves the UI folder', () => {
    for (const attempt of ['/../secret', '/assets/../../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const file = resolveInside(root, attempt);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveInside(root, '/..%5c..%5cwindows')).toBeNull();
    expect(resolveInside(root, '/a%00.js')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });

  it('names the MIME types the built UI needs', () => {
    expect(contentType('index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('assets/index-abc.css')).toBe('text/css; charset=utf-8');
    expect(contentType('logo.SVG')).toBe('image/svg+xml');
    expect(contentType('font.woff2')).toBe('font/woff2');
    expect(contentType('blob.bin')).toBe('application/octet-stream');
  });
});
