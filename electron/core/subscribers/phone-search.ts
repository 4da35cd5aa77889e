/**
 * Phone numbers are stored as international digits (`380501112233`) but typed every which way:
 * `+38 (050) 111-22-33`, `0501112233`, `00380…`. A query made only of digits and phone punctuation
 * is matched on its digits, also without its leading zeros (a national trunk `0` or the
 * international `00`), which is what the stored number then holds.
 */
const PHONE_LIKE = /^[+\d\s().-]+$/;
const MIN_DIGITS = 3;

/** The digit strings a phone-like query may stand for, or null when it does not read as a phone. */
export function phoneSearch(query: string): string[] | null {
  if (!PHONE_LIKE.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  const national = digits.replace(/^0+/, '');
  if (national.length < MIN_DIGITS) return null;
  return national === digits ? [digits] : [digits, national];
}

export function phoneMatches(phoneDigits: string, readings: readonly string[]): boolean {
  return phoneDigits !== '' && readings.some((r) => phoneDigits.includes(r));
}
