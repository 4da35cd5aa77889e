import { describe, expect, it } from 'vitest';
import { languageName } from '../../renderer/src/format/language-name.js';

describe('languageName', () => {
  it('names a Telegram language code in the UI language, capitalised like a value', () => {
    expect(languageName('en', 'uk')).toBe('Англійська');
    expect(languageName('uk', 'uk')).toBe('Українська');
    expect(languageName('uk', 'en')).toBe('Ukrainian');
    expect(languageName('pt-br', 'en')).toBe('Brazilian Portuguese');
  });

  it('keeps a code no language has, or one that is not a code at all, as it came', () => {
    expect(languageName('xx', 'en')).toBe('xx');
    expect(languageName('not a code!', 'uk')).toBe('not a code!');
  });
});
