import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../renderer/src/format/phone.js';

describe('formatPhone', () => {
  it('groups Ukrainian numbers as Ukrainians write them', () => {
    expect(formatPhone('380501112233')).toBe('+380 50 111 22 33');
    expect(formatPhone('+380671234567')).toBe('+380 67 123 45 67');
  });

  it('splits off the country code, one to three digits long', () => {
    expect(formatPhone('14155550132')).toBe('+1 415 555 0132');
    expect(formatPhone('79123456789')).toBe('+7 912 345 67 89');
    expect(formatPhone('48501234567')).toBe('+48 501 234 567');
    expect(formatPhone('4915123456789')).toBe('+49 151 234 567 89');
    expect(formatPhone('37360123456')).toBe('+373 601 234 56');
  });

  it('never leaves a single digit alone at the end', () => {
    expect(formatPhone('447700900123')).toBe('+44 770 090 01 23');
  });

  it('shows what is not an international number of 7 to 15 digits as it is', () => {
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('1234567890123456')).toBe('1234567890123456');
    expect(formatPhone('ask at the desk')).toBe('ask at the desk');
    expect(formatPhone('')).toBe('');
  });
});
