import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppPath } from './app-url.js';
import { contentType } from '../core/content-type.js';

/** Must run before the app is ready: privileges cannot be granted to a scheme later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Serves the built renderer from `root` on `app://app/`, with the CSP on every response. */
export function serveAppFiles(root: string, csp: string): void {
  const headers = (file: string) => ({
    'content-type': contentType(file),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });

  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response(null, { status: 403 });
    // A route without a file extension is a page of the single-page app; its shell is index.html.
    const candidates = path.extname(file) ? [file] : [file, path.join(root, 'index.html')];
    for (const candidate of candidates) {
      try {
        const body = await readFile(candidate);
        return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(candidate) });
      } catch (error) {
        if (!isMissing(error)) return new Response(null, { status: 500 });
      }
    }
    return new Response(null, { status: 404 });
  });
}
