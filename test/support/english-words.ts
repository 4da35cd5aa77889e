/**
 * Finds English left in a Ukrainian text. Latin letters are fine in names of products and brands,
 * in technical tokens she copies or types (a URL, /mybots, app_uuid, 123456789:ABC…), and in a single
 * word quoted as what she sees elsewhere («login», «website»); any other Latin word of three or more
 * letters is English someone forgot to translate.
 */

/** Names written as they are, whatever the UI language. */
const PRODUCT_PHRASES = ['Telegram Connector for Yespo', 'Telegram Bot API', 'API Token'];

/** Single words allowed in Latin letters (compared without case). */
export const LATIN_ALLOWED: readonly string[] = [
  // Products and brands.
  'Telegram',
  'Yespo',
  'BotFather',
  'Windows',
  'Mac',
  'macOS',
  'Linux',
  'GNOME',
  'Keyring',
  'KWallet',
  'JavaScript',
  'PHP',
  'Python',
  'English',
  // Technical names she meets as they are.
  'API',
  'CSV',
  'README',
  'URL',
  'ID',
  'ZIP',
  // Key caps, labelled in Latin letters on Ukrainian keyboards too.
  'Page',
  'Down',
  'Home',
  'End',
  'Enter',
  // The bot's own buttons and commands, in English in every Telegram.
  'Start',
  'Stop',
];

const allowedSet = (extra: readonly string[]) => new Set([...LATIN_ALLOWED, ...extra].map((word) => word.toLowerCase()));

/** The English words in `text`, in order, each once; `extra` allows more (a test's own names). */
export function englishWords(text: string, extra: readonly string[] = []): string[] {
  const allowed = allowedSet(extra);
  let rest = text;
  for (const phrase of PRODUCT_PHRASES) rest = rest.split(phrase).join(' ');
  rest = rest
    // vue-i18n placeholders ({count}, {'@'}).
    .replace(/\{[^}]*\}/g, ' ')
    // Addresses, email addresses, @names and /commands.
    .replace(/\S+@\S+\.\w+/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')
    .replace(/(?<=^|[\s(«“])[@/][A-Za-z][\w.]*/g, ' ')
    // One Latin word quoted alone names something as she sees it elsewhere.
    .replace(/«[A-Za-z]+»|“[A-Za-z]+”|"[A-Za-z]+"/g, ' ')
    // The end of a saved key, shown after an ellipsis (…f7qx).
    .replace(/…\S+/g, ' ')
    // Tokens with a digit or an underscore: examples of keys, IDs, prefixes, column names.
    .replace(/[^\s«»“”"(),;]*[\d_][^\s«»“”"(),;]*/g, ' ');
  const found = new Set<string>();
  for (const [word] of rest.matchAll(/[A-Za-z][A-Za-z'’]*[A-Za-z]/g)) {
    if (word.length >= 3 && !allowed.has(word.toLowerCase())) found.add(word);
  }
  return [...found];
}
