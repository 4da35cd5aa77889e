import { describe, expect, it } from 'vitest';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { KeychainUnavailable } from '../../electron/core/secrets/secret-store.js';
import { redact } from '../../electron/core/redact.js';

describe('memory secret store', () => {
  it('serves initial values and null for absent ones', async () => {
    const secrets = createMemorySecrets({ yespoApiKey: 'initial-api-key-1' });
    expect(await secrets.get('yespoApiKey')).toBe('initial-api-key-1');
    expect(await secrets.get('botToken')).toBeNull();
    expect(secrets.source).toBe('keychain');
  });

  it('sets, overwrites and deletes', async () => {
    const secrets = createMemorySecrets();
    await secrets.set('linkSecret', 'first-link-secret');
    await secrets.set('linkSecret', 'second-link-secret');
    expect(await secrets.get('linkSecret')).toBe('second-link-secret');
    await secrets.delete('linkSecret');
    expect(await secrets.get('linkSecret')).toBeNull();
    await expect(secrets.delete('linkSecret')).resolves.toBeUndefined();
  });

  it('registers stored values for redaction, like the keychain does', async () => {
    const secrets = createMemorySecrets({ botToken: 'initial-memory-secret' });
    await secrets.set('yespoApiKey', 'memory-store-api-key');
    expect(redact('key=memory-store-api-key token=initial-memory-secret')).toBe('key=<redacted> token=<redacted>');
  });

  it('fails like an unavailable keychain and recovers with its values', async () => {
    const secrets = createMemorySecrets({ botToken: 'kept-through-outage' });
    secrets.setUnavailable('The keyring is locked');

    expect(await secrets.check()).toEqual({
      ok: false,
      platform: process.platform,
      source: 'keychain',
      problem: 'The keyring is locked',
    });
    await expect(secrets.get('botToken')).rejects.toThrow(KeychainUnavailable);
    await expect(secrets.set('botToken', 'other-value-123')).rejects.toMatchObject({ problem: 'The keyring is locked' });
    await expect(secrets.delete('botToken')).rejects.toThrow(KeychainUnavailable);

    secrets.setUnavailable(null);
    expect((await secrets.check()).ok).toBe(true);
    expect(await secrets.get('botToken')).toBe('kept-through-outage');
  });
});
