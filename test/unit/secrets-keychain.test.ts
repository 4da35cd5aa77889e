import { describe, expect, it, vi } from 'vitest';

// The OS keychain after a restart: it returns a value this process never stored.
vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    constructor(
      readonly service: string,
      readonly account: string,
    ) {}
    async getPassword(): Promise<string> {
      return this.account === 'botToken' ? '5550001114:AAkeychainLoadedAfterRestart_0123456' : 'keychain-loaded-api-key-77';
    }
  },
}));

const { createKeychainSecrets } = await import('../../electron/core/secrets/keychain.js');
const { redact } = await import('../../electron/core/redact.js');

describe('keychain secret store', () => {
  it('registers every value it loads for redaction, the bot token’s secret half included', async () => {
    const secrets = createKeychainSecrets('tcy-unit-test', { platform: 'linux' });
    const token = await secrets.get('botToken');
    const key = await secrets.get('yespoApiKey');
    const half = token!.split(':')[1];
    expect(redact(`key=${key} half=${half}`)).toBe('key=<redacted> half=<redacted>');
  });
});
