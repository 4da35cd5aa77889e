import { describe, expect, it } from 'vitest';
import { boundRoot, bindingsToKeep, secretUsableAt } from '../../electron/core/secrets/root-binding.js';

describe('the API root a secret was checked against', () => {
  it('is the operator’s override when there is one', () => {
    expect(boundRoot({ override: 'http://127.0.0.1:81', recorded: 'https://a.example', stored: 'https://b.example' })).toBe('http://127.0.0.1:81');
  });

  it('is the recorded root, else (data from an older version) the root stored in settings', () => {
    expect(boundRoot({ recorded: 'https://a.example', stored: 'https://b.example' })).toBe('https://a.example');
    expect(boundRoot({ recorded: undefined, stored: 'https://b.example' })).toBe('https://b.example');
  });

  it('lets a secret go only to that root', () => {
    expect(secretUsableAt('https://a.example/', { recorded: 'https://a.example', stored: 'https://b.example' })).toBe(true);
    expect(secretUsableAt('https://b.example', { recorded: 'https://a.example', stored: 'https://b.example' })).toBe(false);
  });
});

describe('bindingsToKeep when the settings change a root', () => {
  const stored = { telegramApiRoot: 'https://api.telegram.org', yespoApiRoot: 'https://yespo.io/api' };

  it('records the old root of a secret that had none, so the default cannot follow the new one', () => {
    expect(bindingsToKeep({}, stored, { telegramApiRoot: 'http://127.0.0.1:9' })).toEqual({ botTokenRoot: 'https://api.telegram.org' });
    expect(bindingsToKeep({}, stored, { yespoApiRoot: 'http://127.0.0.1:9' })).toEqual({ yespoKeyRoot: 'https://yespo.io/api' });
  });

  it('changes nothing that is recorded already, or when no root changes', () => {
    expect(bindingsToKeep({ botTokenRoot: 'https://x.example', yespoKeyRoot: 'https://y.example' }, stored, { telegramApiRoot: 'http://127.0.0.1:9', yespoApiRoot: 'http://127.0.0.1:9' })).toEqual({});
    expect(bindingsToKeep({}, stored, { batchSize: 5 })).toEqual({});
    expect(bindingsToKeep({}, stored, { telegramApiRoot: 'https://api.telegram.org/' })).toEqual({});
  });
});
