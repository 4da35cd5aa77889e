import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { findUiFile } from '../core/ui-files/ui-file.js';

/** Serves the built UI from `root` (see findUiFile), with `headers` added to every answer. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>, csp: string): Promise<void> {
  const found = await findUiFile(root, urlPath, csp);
  if (found.status !== 200) {
    res.writeHead(found.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(found.status === 404 ? 'Not found.' : 'Forbidden.');
    return;
  }
  res.writeHead(200, { ...headers, ...found.headers });
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
