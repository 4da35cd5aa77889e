import { describe, expect, it } from 'vitest';
import { passphraseStrength } from '../../renderer/src/backup/passphrase-strength.js';

describe('passphraseStrength', () => {
  it('calls anything under 8 characters too short, whatever it holds', () => {
    expect(passphraseStrength('')).toBe('short');
    expect(passphraseStrength('Aa1!Bb2')).toBe('short');
  });

  it('calls a short single word weak, and a long run of one character weak too', () => {
    expect(passphraseStrength('password')).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaa')).toBe('weak');
  });

  it('calls a mix of kinds of characters, or a longer one, fair', () => {
    expect(passphraseStrength('Passw0rd!')).toBe('fair');
    expect(passphraseStrength('sunflowerseed')).toBe('fair');
  });

  it('calls several words, or a long passphrase, strong; Ukrainian counts as letters', () => {
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('квітка соняшник море')).toBe('strong');
  });
});
