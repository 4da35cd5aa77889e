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
 * The path (still percent-encoded) an `app://app/…` request asks for, or null when the URL is not
 * ours; which file that is, and whether it may be served, is the shared UI-files module's decision.
 */
export function appUrlPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST ? parsed.pathname : null;
}

/**
 * The window's URL for a UI route (the renderer uses hash history), or null for anything that is not
 * a plain route of ours, so a notification can never take the window elsewhere.
 */
export function routeUrl(entryUrl: string, route: string): string | null {
  if (!/^\/(?!\/)[A-Za-z0-9/?=&_.-]*$/.test(route)) return null;
  return `${entryUrl.split('#')[0]}#${route}`;
}
