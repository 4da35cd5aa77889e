import { describe, expect, it } from 'vitest';
import { errorText, MAX_ERROR_TEXT } from '../../electron/core/error-text.js';
import { rememberSecret } from '../../electron/core/redact.js';

describe('errorText', () => {
  it('keeps a remote error text to 300 characters on one line', () => {
    expect(MAX_ERROR_TEXT).toBe(300);
    const text = errorText(`first line\n${'x'.repeat(10_000)}`);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.startsWith('first line x')).toBe(true);
    expect(errorText('  short  ')).toBe('short');
  });

  it('redacts before it cuts, so no part of a secret is left at the cut', () => {
    const key = 'ERRTEXT-KEY-0123456789abcdef';
    rememberSecret(key);
    const text = errorText(`${'y'.repeat(290)}${key}`);
    expect(text).not.toContain(key.slice(0, 8));
    expect(text.length).toBeLessThanOrEqual(300);
  });
});
