/** A Telegram bot token: the bot id, a colon (or `%3A` in a URL), 35 url-safe characters (we accept 30+). */
const BOT_TOKEN = /(\d{5,})(:|%3A)[A-Za-z0-9_-]{30,}/gi;
/** An HTTP Basic credential, whoever's: a server echoing our Authorization header must not store it. */
const BASIC_CREDENTIAL = /\b(basic)(\s+)([A-Za-z0-9+/]{4,}={0,2})/gi;
/** Shorter forms would match ordinary text. */
const MIN_SECRET = 8;

const known = new Set<string>();
/** `known`, longest first: a secret's encoded form may contain a shorter registered form. */
let ordered: string[] = [];

/**
 * Every run of base64 characters that encodes `bytes` whatever precedes them: the encoding shifts with
 * the 0, 1 or 2 bytes before (a `user:` in a Basic credential), so each alignment has its own core.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const before of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(before), bytes]).toString('base64').replace(/=+$/, '');
    const first = Math.ceil((before * 8) / 6);
    const last = Math.floor(((before + bytes.length) * 8) / 6);
    const core = encoded.slice(first, last);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function add(form: string): void {
  if (form.length < MIN_SECRET || known.has(form)) return;
  known.add(form);
  ordered = [...known].sort((a, b) => b.length - a.length);
}

/** `user:password` once decoded; ordinary words after "basic" ("Basic plan") decode to noise. */
function isCredential(base64: string): boolean {
  return /^[\x20-\x7e]*:[\x20-\x7e]*$/.test(Buffer.from(base64, 'base64').toString('latin1'));
}

function encodings(value: string): string[] {
  return [value, encodeURIComponent(value), ...base64Cores(Buffer.from(value, 'utf8'))];
}

/**
 * Every form of a secret that redaction masks: as is, URL-encoded, and base64-encoded alone or
 * inside a Basic credential; a bot token's secret half counts on its own. Forms too short to tell
 * from ordinary text are left out.
 */
export function secretForms(value: string | null | undefined): string[] {
  if (!value || value.length < MIN_SECRET) return [];
  const forms = encodings(value);
  const token = /^\d+:([A-Za-z0-9_-]+)$/.exec(value);
  if (token) forms.push(...encodings(token[1]));
  return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET);
}

/** Registers a secret so every later redaction masks each of its `secretForms`. */
export function rememberSecret(value: string | null | undefined): void {
  for (const form of secretForms(value)) add(form);
}

/** Masks bot tokens, Basic credentials and remembered secrets in any text (URLs, error messages, log lines). */
export function redact(text: string): string {
  let out = text.replace(BOT_TOKEN, '$1$2<redacted>');
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join('<redacted>');
  }
  return out.replace(BASIC_CREDENTIAL, (m, word: string, space: string, value: string) => (isCredential(value) ? `${word}${space}<redacted>` : m));
}

/** "…x7Qa": enough for the owner to recognise a key, never enough to use it. */
export function secretHint(value: string | null): { set: boolean; hint?: string } {
  if (!value) return { set: false };
  return { set: true, hint: `…${value.slice(-4)}` };
}
