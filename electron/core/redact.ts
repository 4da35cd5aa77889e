/** A Telegram bot token: the bot id, a colon, 35 url-safe characters (we accept 30+ to be safe). */
const BOT_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

const known = new Set<string>();

/** Registers a secret value so every later redaction masks it wherever it appears. */
export function rememberSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) known.add(value);
}

export function forgetSecret(value: string | null | undefined): void {
  if (value) known.delete(value);
}

/** Masks bot tokens and remembered secrets in any text (URLs, error messages, log lines). */
export function redact(text: string): string {
  let out = text.replace(BOT_TOKEN, (m) => `${m.slice(0, m.indexOf(':'))}:<redacted>`);
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('<redacted>');
  }
  return out;
}

/** "…x7Qa": enough for the owner to recognise a key, never enough to use it. */
export function secretHint(value: string | null): { set: boolean; hint?: string } {
  if (!value) return { set: false };
  return { set: true, hint: `…${value.slice(-4)}` };
}
