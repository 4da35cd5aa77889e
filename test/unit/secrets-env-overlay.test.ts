import { describe, expect, it } from 'vitest';
import { createEnvOverlaySecrets } from '../../electron/core/secrets/env-overlay.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { KeychainUnavailable } from '../../electron/core/secrets/secret-store.js';
import { redact } from '../../electron/core/redact.js';

const TOKEN = '7412589630:AAF-env_overlay_test_token_abcdefghij';
const API_KEY = 'env-overlay-yespo-api-key';

describe('environment overlay over the keychain', () => {
  it('without environment secrets is the keychain itself', async () => {
    const base = createMemorySecrets({ botToken: 'keychain-bot-token' });
    const secrets = createEnvOverlaySecrets(base, { PATH: '/usr/bin' });

    expect(secrets.source).toBe('keychain');
    expect(await secrets.get('botToken')).toBe('keychain-bot-token');
    await secrets.set('yespoApiKey', 'keychain-api-key');
    expect(await base.get('yespoApiKey')).toBe('keychain-api-key');
    await secrets.delete('botToken');
    expect(await base.get('botToken')).toBeNull();
    expect(await secrets.check()).toEqual({ ok: true, platform: process.platform, source: 'keychain' });
  });

  it('serves trimmed environment values ahead of the keychain', async () => {
    const base = createMemorySecrets({ botToken: 'stale-keychain-token', linkSecret: 'keychain-link-secret' });
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: `  ${TOKEN}\n`, YESPO_API_KEY: `${API_KEY}\n` });

    expect(secrets.source).toBe('environment');
    expect(await secrets.get('botToken')).toBe(TOKEN);
    expect(await secrets.get('yespoApiKey')).toBe(API_KEY);
    expect(await secrets.get('linkSecret')).toBe('keychain-link-secret');
  });

  it('ignores variables that are empty or only whitespace', async () => {
    const base = createMemorySecrets({ botToken: 'keychain-bot-token' });
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: '  \n', YESPO_API_KEY: '' });

    expect(secrets.source).toBe('keychain');
    expect(await secrets.get('botToken')).toBe('keychain-bot-token');
  });

  it('never writes an environment secret to the keychain, nor deletes it there', async () => {
    const base = createMemorySecrets({ botToken: 'stale-keychain-token' });
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: TOKEN });

    await secrets.set('botToken', 'replacement-token-value');
    expect(await secrets.get('botToken')).toBe('replacement-token-value');
    expect(await base.get('botToken')).toBe('stale-keychain-token');

    await secrets.delete('botToken');
    expect(await secrets.get('botToken')).toBeNull();
    expect(await base.get('botToken')).toBe('stale-keychain-token');
  });

  it('sends the other secrets to the keychain', async () => {
    const base = createMemorySecrets();
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: TOKEN });

    await secrets.set('yespoApiKey', 'typed-in-api-key');
    expect(await base.get('yespoApiKey')).toBe('typed-in-api-key');
    await secrets.delete('yespoApiKey');
    expect(await base.get('yespoApiKey')).toBeNull();
  });

  it('registers environment values for redaction', () => {
    createEnvOverlaySecrets(createMemorySecrets(), { YESPO_API_KEY: ' redact-me-api-key ' });
    expect(redact('Authorization: Basic redact-me-api-key')).toBe('Authorization: Basic <redacted>');
  });

  it('is usable without a keychain when the environment covers the bot token and the API key', async () => {
    const base = createMemorySecrets();
    base.setUnavailable('Failed to connect to socket /run/user/1000/bus');
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: TOKEN, YESPO_API_KEY: API_KEY });

    expect(await secrets.check()).toEqual({ ok: true, platform: process.platform, source: 'environment' });
    expect(await secrets.get('botToken')).toBe(TOKEN);
    expect(await secrets.get('yespoApiKey')).toBe(API_KEY);
    await expect(secrets.get('linkSecret')).rejects.toThrow(KeychainUnavailable);
  });

  it('reports the keychain problem when the environment covers only part', async () => {
    const base = createMemorySecrets();
    base.setUnavailable('The keyring is locked');
    const secrets = createEnvOverlaySecrets(base, { TELEGRAM_BOT_TOKEN: TOKEN });

    expect(await secrets.check()).toEqual({
      ok: false,
      platform: process.platform,
      source: 'environment',
      problem: 'The keyring is locked',
    });
    await expect(secrets.set('yespoApiKey', 'typed-in-api-key')).rejects.toThrow(KeychainUnavailable);
  });

  it('says the source is the environment even when the keychain works', async () => {
    const secrets = createEnvOverlaySecrets(createMemorySecrets(), { YESPO_API_KEY: API_KEY });
    expect(await secrets.check()).toEqual({ ok: true, platform: process.platform, source: 'environment' });
  });
});
