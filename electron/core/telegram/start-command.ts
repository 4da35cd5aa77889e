/** Telegram's own rule for deep-link payloads; anything else counts as no payload. */
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads "/start", "/start PAYLOAD" or "/start@our_bot PAYLOAD". Returns null when the text is not
 * a /start command for this bot.
 */
export function parseStart(text: string, botUsername?: string): { payload: string | null } | null {
  const m = /^\/start(?:@([A-Za-z0-9_]+))?(?:\s+(\S.*))?$/s.exec(text.trim());
  if (!m) return null;
  if (m[1] && botUsername && m[1].toLowerCase() !== botUsername.toLowerCase()) return null;
  const payload = m[2]?.trim() ?? '';
  return { payload: PAYLOAD.test(payload) ? payload : null };
}

/** Reads "/stop" or "/stop@our_bot" (anything after it is ignored); false for anything else. */
export function parseStop(text: string, botUsername?: string): boolean {
  const m = /^\/stop(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text.trim());
  if (!m) return false;
  return !(m[1] && botUsername && m[1].toLowerCase() !== botUsername.toLowerCase());
}
