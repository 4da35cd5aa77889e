/**
 * Phones are stored as international digits (`380501112233`); people read them grouped. Country
 * codes are one digit (1, 7), two (the list below, from ITU-T E.164) or else three; Ukrainian and
 * North American numbers get their own habits, others groups of three with no lone digit at the end.
 */
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55',
  '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

function countryCode(digits: string): string {
  if (digits[0] === '1' || digits[0] === '7') return digits[0];
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

function split(digits: string, sizes: readonly number[]): string[] {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return groups;
}

function groupSizes(code: string, length: number): number[] {
  if (code === '380' && length === 9) return [2, 3, 2, 2];
  if (code === '1' && length === 10) return [3, 3, 4];
  const threes = Math.floor(length / 3);
  switch (length % 3) {
    case 0:
      return Array<number>(threes).fill(3);
    case 1:
      return length < 4 ? [length] : [...Array<number>(threes - 1).fill(3), 2, 2];
    default:
      return [...Array<number>(threes).fill(3), 2];
  }
}

/** `380501112233` → `+380 50 111 22 33`; anything that is not 7 to 15 digits is shown as it is. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  if (!/^\d{7,15}$/.test(digits)) return phone;
  const code = countryCode(digits);
  const national = digits.slice(code.length);
  return `+${code} ${split(national, groupSizes(code, national.length)).join(' ')}`;
}
