import { urlOrigin } from './app-url.js';

/**
 * Whether an IPC message (or a permission request) comes from our own page: the top frame of the
 * window, showing a URL on one of our origins. Subframes and any other page are refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean, allowedOrigins: readonly string[]): boolean {
  if (!isMainFrame || !frameUrl) return false;
  const origin = urlOrigin(frameUrl);
  return origin !== null && allowedOrigins.includes(origin);
}

/**
 * Every permission is refused except writing to the clipboard from our own page: the UI's copy
 * buttons (deep links) call `navigator.clipboard.writeText`, which Electron gates behind
 * `clipboard-sanitized-write`, and Chromium still requires a user gesture for it.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | null | undefined,
  isMainFrame: boolean,
  allowedOrigins: readonly string[],
): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(requestingUrl, isMainFrame, allowedOrigins);
}
