import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../renderer/src/format/number.js';
import { clockTime, exactTime, relativeTime, shortDay } from '../../renderer/src/format/time.js';
import { resolveLanguage } from '../../renderer/src/i18n/language.js';
import { pluralIndex } from '../../renderer/src/i18n/plural.js';

const NOW = Date.UTC(2025, 10, 30, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Intl puts a no-break space between digit groups in Ukrainian; compare with plain spaces.
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatNumber', () => {
  it('groups thousands the way each language writes them', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(spaced(formatNumber(1234, 'uk'))).toBe('1 234');
    expect(spaced(formatNumber(1234567, 'uk'))).toBe('1 234 567');
  });

  it('shows whole numbers', () => {
    expect(formatNumber(22.4, 'en')).toBe('22');
    expect(formatNumber(0, 'uk')).toBe('0');
  });
});

describe('relativeTime', () => {
  it('reads the last 45 seconds as now', () => {
    expect(relativeTime(NOW - 10_000, NOW, 'en')).toBe('now');
    expect(relativeTime(NOW, NOW, 'uk')).toBe('зараз');
  });

  it('says minutes, hours and days ago in English', () => {
    expect(relativeTime(NOW - 2 * MINUTE, NOW, 'en')).toBe('2 minutes ago');
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'en')).toBe('3 hours ago');
    expect(relativeTime(NOW - DAY, NOW, 'en')).toBe('yesterday');
    expect(relativeTime(NOW - 3 * DAY, NOW, 'en')).toBe('3 days ago');
    expect(relativeTime(NOW - 14 * DAY, NOW, 'en')).toBe('2 weeks ago');
    expect(relativeTime(NOW - 400 * DAY, NOW, 'en')).toBe('last year');
  });

  it('says the same in Ukrainian', () => {
    expect(relativeTime(NOW - 2 * MINUTE, NOW, 'uk')).toBe('2 хвилини тому');
    expect(relativeTime(NOW - 5 * HOUR, NOW, 'uk')).toBe('5 годин тому');
    expect(relativeTime(NOW - DAY, NOW, 'uk')).toBe('учора');
  });

  it('moves to the next unit instead of saying 60 minutes', () => {
    expect(relativeTime(NOW - 59.7 * MINUTE, NOW, 'en')).toBe('1 hour ago');
    expect(relativeTime(NOW - 59 * MINUTE, NOW, 'en')).toBe('59 minutes ago');
  });

  it('speaks of the future too (the next try)', () => {
    expect(relativeTime(NOW + 3 * MINUTE, NOW, 'en')).toBe('in 3 minutes');
    expect(relativeTime(NOW + 2 * HOUR, NOW, 'uk')).toBe('через 2 години');
  });
});

describe('exactTime and shortDay', () => {
  it('give the full date and time for the hover text', () => {
    const at = new Date(2025, 10, 30, 14, 5).getTime();
    expect(exactTime(at, 'en')).toMatch(/Nov 30, 2025.*2:05/);
    expect(exactTime(at, 'uk')).toMatch(/30 лист\. 2025.*14:05/);
  });

  it('give the time of day of a retry in each language’s clock', () => {
    const at = new Date(2025, 10, 30, 14, 5).getTime();
    expect(clockTime(at, 'en')).toMatch(/^2:05\sPM$/);
    expect(clockTime(at, 'uk')).toBe('14:05');
  });

  it('read a calendar day as a local date', () => {
    expect(shortDay('2025-11-03', 'en')).toBe('Nov 3');
    expect(shortDay('2025-11-03', 'uk')).toBe('3 лист.');
  });
});

describe('pluralIndex', () => {
  it('picks one or other in English', () => {
    expect([0, 1, 2, 5, 21].map((n) => pluralIndex('en', n, 2))).toEqual([1, 0, 1, 1, 1]);
  });

  it('picks one, few or many in Ukrainian', () => {
    const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 0, 101, 111].map((n) => pluralIndex('uk', n, 3));
    expect(forms).toEqual([0, 1, 1, 2, 2, 2, 2, 0, 1, 2, 2, 0, 2]);
  });

  it('never points past the forms a message has', () => {
    expect(pluralIndex('uk', 5, 2)).toBe(1);
    expect(pluralIndex('uk', 5, 1)).toBe(0);
  });
});

describe('resolveLanguage', () => {
  it('keeps an explicit choice', () => {
    expect(resolveLanguage('uk', ['en-US'])).toBe('uk');
    expect(resolveLanguage('en', ['uk-UA'])).toBe('en');
  });

  it('follows the first system language the app speaks', () => {
    expect(resolveLanguage('system', ['uk-UA', 'en-US'])).toBe('uk');
    expect(resolveLanguage('system', ['de-DE', 'en-GB', 'uk'])).toBe('en');
    expect(resolveLanguage('system', ['pl-PL', 'UK'])).toBe('uk');
  });

  it('falls back to English', () => {
    expect(resolveLanguage('system', ['de-DE'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
  });
});
