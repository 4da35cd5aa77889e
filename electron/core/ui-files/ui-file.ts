import { stat } from 'node:fs/promises';
import path from 'node:path';
import { contentType } from './content-type.js';

/**
 * The file under `root` a URL path (still percent-encoded) asks for, or null when it would leave
 * `root` (`..`, encoded slashes or backslashes, NUL bytes) or cannot be decoded. The bare origin is
 * the page.
 */
export function resolveInside(root: string, urlPath: string, pathApi: path.PlatformPath = path): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded === '/') decoded = '/index.html';
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, `.${decoded}`);
  return file.startsWith(base + pathApi.sep) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export type UiFile = { status: 200; file: string; headers: Record<string, string> } | { status: 403 | 404 };

/**
 * What a shell answers to a GET for `urlPath`: the file with its headers, or the status. Paths
 * without a file extension that match no file get index.html, so the router's deep links survive a
 * reload; missing assets stay 404.
 */
export async function findUiFile(root: string, urlPath: string, csp: string): Promise<UiFile> {
  const resolved = resolveInside(root, urlPath);
  if (!resolved) return { status: 403 };
  let file = resolved;
  if (!(await isFile(file))) {
    file = path.join(root, 'index.html');
    if (path.extname(resolved) !== '' || !(await isFile(file))) return { status: 404 };
  }
  // Hashed assets never change under one name; index.html must be fetched fresh to find them.
  const cache = path.relative(root, file).startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  return {
    status: 200,
    file,
    headers: { 'content-type': contentType(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': cache },
  };
}
