export type PassphraseStrength = 'short' | 'weak' | 'fair' | 'strong';

/** At least this many characters: the backup refuses a shorter passphrase. */
export const MIN_PASSPHRASE = 8;

/**
 * A rough hint while she types, not a guarantee: length and variety are what make a passphrase slow
 * to guess offline, where a stolen backup file can be tried without limit.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const characters = [...passphrase];
  if (characters.length < MIN_PASSPHRASE) return 'short';
  if (new Set(characters).size < 5) return 'weak';
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((kind) => kind.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).length;
  if (characters.length >= 20 || (characters.length >= 14 && (kinds >= 3 || words >= 3))) return 'strong';
  if (characters.length >= 12 || kinds >= 3) return 'fair';
  return 'weak';
}
