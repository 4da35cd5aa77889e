/**
 * Which addresses may serve as the Telegram or Yespo API root. The bot token travels in every Bot API
 * URL and the API key in every Yespo header, so plain http is for a local fake or proxy only.
 */

const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** The URL parser has already turned `127.1`, `0x7f.1` and `[0:0::1]` into their plain forms. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || LOOPBACK_IPV4.test(hostname);
}

/** Null when `text` may be an API root; otherwise a sentence saying what to enter instead. */
export function apiRootProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter the full address, starting with https://, for example https://api.telegram.org.';
  }
  if (url.username || url.password) return 'Leave the user name or password out of the address: the app sends its own credentials.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  return 'Use an https:// address. Plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1), because the bot token and the API key travel with every call.';
}

export function sameApiRoot(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
