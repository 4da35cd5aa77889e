/**
 * Whether a link may be handed to the OS browser: only `https:` to a named host, with no credentials
 * in it, so a page can never launch `file:`, `smb:`, custom protocol handlers or a phishing-shaped URL.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
