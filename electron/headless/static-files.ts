import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentType } from '../core/content-type.js';


/**
 * Maps a URL path to a file inside `root`, or null when it would leave `root`
 * (`..`, encoded slashes, NUL bytes) or cannot be decoded.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(decoded)}`);
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built UI from `root`. Paths without a file extension that match no file get
 * index.html, so the router's deep links survive a reload; missing assets stay 404.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const resolved = resolveInside(root, urlPath);
  if (!resolved) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path.');
    return;
  }
  let file = resolved;
  if (!(await isFile(file))) {
    const looksLikeAsset = path.extname(urlPath) !== '';
    file = path.join(root, 'index.html');
    if (looksLikeAsset || !(await isFile(file))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
  }
  // Hashed assets never change under one name; index.html must be fetched fresh to find them.
  const cache = path.relative(root, file).startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'content-type': contentType(file), 'cache-control': cache });
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
