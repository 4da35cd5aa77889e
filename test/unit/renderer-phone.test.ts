import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../renderer/src/format/phone.js';

/** [why, stored digits, what the screens show] */
const CASES: Array<[string, string, string]> = [
  ['Ukrainian numbers are grouped as Ukrainians write them', '380501112233', '+380 50 111 22 33'],
  ['a leading plus is read past', '+380671234567', '+380 67 123 45 67'],
  ['a one-digit country code (US/Canada)', '14155550132', '+1 415 555 0132'],
  ['a one-digit country code (Russia, Kazakhstan)', '79123456789', '+7 912 345 67 89'],
  ['a two-digit country code', '48501234567', '+48 501 234 567'],
  ['a two-digit country code, longer number', '4915123456789', '+49 151 234 567 89'],
  ['a three-digit country code', '37360123456', '+373 601 234 56'],
  ['never a single digit alone at the end', '447700900123', '+44 770 090 01 23'],
  ['too short for an international number: as it is', '12345', '12345'],
  ['too long for an international number: as it is', '1234567890123456', '1234567890123456'],
  ['not a number at all: as it is', 'ask at the desk', 'ask at the desk'],
  ['nothing: nothing', '', ''],
];

describe('formatPhone', () => {
  it.each(CASES)('%s', (_why, stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });
});
