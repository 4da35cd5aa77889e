import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { findUiFile } from '../core/ui-files/ui-file.js';
import { APP_SCHEME, appUrlPath } from './app-url.js';

/** Must run before the app is ready: privileges cannot be granted to a scheme later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `root` on `app://app/`, with the CSP on every response. */
export function serveAppFiles(root: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const urlPath = appUrlPath(request.url);
    if (urlPath === null) return new Response(null, { status: 403 });
    const found = await findUiFile(root, urlPath, csp);
    if (found.status !== 200) return new Response(null, { status: found.status });
    try {
      const body = request.method === 'HEAD' ? null : await readFile(found.file);
      return new Response(body, { status: 200, headers: found.headers });
    } catch {
      return new Response(null, { status: 500 });
    }
  });
}
