import { randomUUID } from 'node:crypto';
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { KeychainCheck } from '../contract/types.js';
import { redact, rememberSecret } from '../redact.js';
import { KeychainUnavailable, type SecretName, type SecretStore } from './secret-store.js';

/** Account name of the entry `check()` writes and removes; never one of the SecretName values. */
const PROBE_ACCOUNT = 'keychain-check';

export interface KeychainOptions {
  platform?: NodeJS.Platform;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service), one entry per
 * secret under `service`. On Linux the entry is pinned to the Secret Service: left to itself the
 * keyring silently falls back to the kernel keyutils keyring, which lives in memory and loses every
 * secret at reboot. Pinned, an absent or unreachable Secret Service throws instead.
 */
export function createKeychainSecrets(service: string, options: KeychainOptions = {}): SecretStore {
  const platform = options.platform ?? process.platform;
  const entryOptions: EntryOptions | undefined =
    platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

  // A fresh entry per call: the constructor is where a pinned store reports that it is unreachable,
  // and reconnecting each time lets the app recover once the user unlocks or starts the keyring.
  async function withEntry<T>(account: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    try {
      return await use(new AsyncEntry(service, account, entryOptions));
    } catch (error) {
      throw new KeychainUnavailable(problemText(error));
    }
  }

  return {
    source: 'keychain',

    async check(): Promise<KeychainCheck> {
      const probe = randomUUID();
      const failed = (problem: string): KeychainCheck => ({ ok: false, platform, source: 'keychain', problem });
      try {
        const entry = new AsyncEntry(service, PROBE_ACCOUNT, entryOptions);
        await entry.setPassword(probe);
        const readBack = await entry.getPassword();
        await entry.deletePassword();
        if (readBack !== probe) return failed('The keychain did not return the value just written to it.');
        return { ok: true, platform, source: 'keychain' };
      } catch (error) {
        return failed(problemText(error));
      }
    },

    async get(name: SecretName): Promise<string | null> {
      const value = await withEntry(name, (entry) => entry.getPassword());
      // After a restart this is the first this process sees of the secret.
      rememberSecret(value);
      return value;
    },

    async set(name: SecretName, value: string): Promise<void> {
      // Before the write, so an error that echoes the value is already masked.
      rememberSecret(value);
      await withEntry(name, (entry) => entry.setPassword(value));
    },

    async delete(name: SecretName): Promise<void> {
      await withEntry(name, (entry) => entry.deletePassword());
    },
  };
}

function problemText(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
