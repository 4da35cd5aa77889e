/**
 * Pure checks for what the operator pastes into the setup wizard. They run on every keystroke, so the
 * wizard can say what is wrong before anything is sent; the engine checks again (and live).
 * Problems are short ids; the wizard turns them into sentences with `t('setup.<field>.problem.<id>')`.
 */

// Bot ids have grown from 5 to 10 digits over the years; the secret part is 35 characters today.
// Tolerate a little either way so an unusual but real token is not refused here.
const BOT_TOKEN = /(?<![A-Za-z0-9_:-])\d{5,15}:[A-Za-z0-9_-]{30,50}(?![A-Za-z0-9_-])/g;
// A colon-joined number and a short tail: the operator copied only part of the token.
const PARTIAL_BOT_TOKEN = /(?<![A-Za-z0-9_:-])\d{3,15}:[A-Za-z0-9_-]{0,29}(?![A-Za-z0-9_-])/;

const UUID = /(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])/g;
const APPS_PATH_UUID = /\/apps\/([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![0-9A-Fa-f-])/g;
// Hex groups joined by dashes that fall short of a whole UUID.
const PARTIAL_UUID = /[0-9A-Fa-f]{4,}-[0-9A-Fa-f-]*/;

export const BOT_TOKEN_PROBLEMS = ['empty', 'ambiguous', 'partial', 'shape'] as const;
export const APP_UUID_PROBLEMS = ['empty', 'ambiguous', 'botToken', 'partial', 'shape'] as const;
export const API_KEY_PROBLEMS = ['empty', 'botToken', 'spaces', 'short', 'long'] as const;
export const ID_PREFIX_PROBLEMS = ['long', 'characters'] as const;
export const CUSTOMER_ID_PROBLEMS = ['empty', 'long'] as const;

export type BotTokenProblem = (typeof BOT_TOKEN_PROBLEMS)[number];
export type AppUuidProblem = (typeof APP_UUID_PROBLEMS)[number];
export type ApiKeyProblem = (typeof API_KEY_PROBLEMS)[number];
export type IdPrefixProblem = (typeof ID_PREFIX_PROBLEMS)[number];
export type CustomerIdProblem = (typeof CUSTOMER_ID_PROBLEMS)[number];

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function botTokensIn(text: string): string[] {
  return distinct(text.match(BOT_TOKEN) ?? []);
}

/**
 * The one bot token in `text`, which may be BotFather's whole message, have spaces, line breaks or
 * backticks around it. Null when there is none, or when there are two different ones (which to use?).
 */
export function extractBotToken(text: string): string | null {
  const found = botTokensIn(text);
  return found.length === 1 ? found[0] : null;
}

export function botTokenProblem(text: string): BotTokenProblem | null {
  if (text.trim() === '') return 'empty';
  const found = botTokensIn(text);
  if (found.length === 1) return null;
  if (found.length > 1) return 'ambiguous';
  return PARTIAL_BOT_TOKEN.test(text) ? 'partial' : 'shape';
}

function appUuidsIn(text: string): string[] {
  const inAppsPath = distinct([...text.matchAll(APPS_PATH_UUID)].map((m) => m[1].toLowerCase()));
  if (inAppsPath.length > 0) return inAppsPath;
  return distinct((text.match(UUID) ?? []).map((u) => u.toLowerCase()));
}

/**
 * The Yespo bot id (app_uuid) in `text`, lowercased: the bare UUID, or a Yespo API address with
 * `/apps/<uuid>/tokens` in it, with anything around it. Null when none or ambiguous.
 */
export function extractAppUuid(text: string): string | null {
  const found = appUuidsIn(text);
  return found.length === 1 ? found[0] : null;
}

export function appUuidProblem(text: string): AppUuidProblem | null {
  if (text.trim() === '') return 'empty';
  const found = appUuidsIn(text);
  if (found.length === 1) return null;
  if (found.length > 1) return 'ambiguous';
  if (botTokensIn(text).length > 0) return 'botToken';
  return PARTIAL_UUID.test(text) ? 'partial' : 'shape';
}

// Quotes and spacing in any mix, as in `“key” ` or `' "key" '`: what a chat or document adds.
const WRAPPING = /[\s"'`«»“”‘’]/;

/**
 * A Yespo API key as pasted: trimmed, with quotes a chat or a document may have put around it.
 * Yespo does not document the key's shape, so only what is certainly wrong is refused.
 */
export function extractApiKey(text: string): string | null {
  return apiKeyProblem(text) === null ? cleanApiKey(text) : null;
}

function cleanApiKey(text: string): string {
  // A scan rather than an anchored regex, which takes quadratic time on a long run of spaces.
  let start = 0;
  let end = text.length;
  while (start < end && WRAPPING.test(text[start])) start++;
  while (end > start && WRAPPING.test(text[end - 1])) end--;
  return text.slice(start, end);
}

export function apiKeyProblem(text: string): ApiKeyProblem | null {
  const key = cleanApiKey(text);
  if (key === '') return 'empty';
  if (botTokensIn(key).length > 0) return 'botToken';
  if (/\s/.test(key)) return 'spaces';
  if (key.length < 8) return 'short';
  if (key.length > 1000) return 'long';
  return null;
}

/** Matches the engine's rule for `externalIdPrefix`: up to 20 letters, digits and `_ . : -`. */
export function idPrefixProblem(prefix: string): IdPrefixProblem | null {
  if (prefix.length > 20) return 'long';
  if (!/^[A-Za-z0-9_.:-]*$/.test(prefix)) return 'characters';
  return null;
}

/**
 * A shop's own customer id for a personal link: it must fit a signed Telegram payload (64
 * characters), which leaves 34 bytes of UTF-8 once trimmed.
 */
export function customerIdProblem(text: string): CustomerIdProblem | null {
  const id = text.trim();
  if (id === '') return 'empty';
  if (new TextEncoder().encode(id).length > 34) return 'long';
  return null;
}

/** Only the host of another service's webhook is shown: its path may carry that service's secrets. */
export function webhookHost(url: string): string {
  try {
    const host = new URL(url).host;
    if (host) return host;
  } catch {
    // Not a full URL: take what sits between the scheme and the path by hand.
  }
  const authority = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0];
  return authority.slice(authority.lastIndexOf('@') + 1);
}
