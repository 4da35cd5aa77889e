import { describe, expect, it } from 'vitest';
import { PASTED_FIELDS, pastedFieldIds } from '../../renderer/src/views/setup/pasted-fields.js';

describe("the wizard's pasted fields", () => {
  it('keep the ids and test ids the wizard has always had', () => {
    expect(Object.values(PASTED_FIELDS).map(pastedFieldIds)).toEqual([
      { input: 'bot-token-input', button: 'bot-token-check', hint: 'bot-token-hint' },
      { input: 'app-uuid-input', button: 'app-uuid-save', hint: 'app-uuid-hint' },
      { input: 'api-key-input', button: 'api-key-check', hint: 'api-key-hint' },
    ]);
  });

  it('check each value with its own extractor and explain a refusal as its own field', () => {
    const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
    expect(PASTED_FIELDS.token.extract(`token: ${token}`)).toBe(token);
    expect(Object.values(PASTED_FIELDS).map((spec) => spec.field)).toEqual(['token', 'appUuid', 'apiKey']);
  });
});
