import path from 'node:path';

/** Pages are served from `app://app/…`: a standard, secure scheme instead of `file://`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL gives `"null"` as the origin of any scheme it
 * does not know (such as `app:`), so the origin is built from its parts.
 */
export function urlOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * The file under `root` that an `app://app/…` request asks for, or null when the URL is not ours or
 * would reach outside `root` (`..`, encoded slashes or backslashes, NUL bytes).
 */
export function resolveAppPath(root: string, url: string, pathApi: path.PlatformPath = path): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '' || relative === '/') relative = '/index.html';
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, `.${relative}`);
  return file.startsWith(base + pathApi.sep) ? file : null;
}
