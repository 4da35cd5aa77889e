import type { KeychainCheck } from '../contract/types.js';
import { rememberSecret } from '../redact.js';
import { KeychainUnavailable, type SecretName, type SecretStore } from './secret-store.js';

/** A SecretStore for tests that can be made to fail like a locked or missing keychain. */
export interface MemorySecrets extends SecretStore {
  /** `problem` makes every call fail as the OS keychain would; `null` brings it back, values kept. */
  setUnavailable(problem: string | null): void;
}

/** Holds secrets in this process only. For tests: the app never falls back to it. */
export function createMemorySecrets(initial: Partial<Record<SecretName, string>> = {}): MemorySecrets {
  const values = new Map<SecretName, string>();
  for (const [name, value] of Object.entries(initial) as [SecretName, string][]) {
    rememberSecret(value);
    values.set(name, value);
  }
  let unavailable: string | null = null;

  function available(): void {
    if (unavailable !== null) throw new KeychainUnavailable(unavailable);
  }

  return {
    source: 'keychain',

    async check(): Promise<KeychainCheck> {
      if (unavailable !== null) return { ok: false, platform: process.platform, source: 'keychain', problem: unavailable };
      return { ok: true, platform: process.platform, source: 'keychain' };
    },

    async get(name) {
      available();
      const value = values.get(name) ?? null;
      rememberSecret(value);
      return value;
    },

    async set(name, value) {
      available();
      rememberSecret(value);
      values.set(name, value);
    },

    async delete(name) {
      available();
      values.delete(name);
    },

    setUnavailable(problem) {
      unavailable = problem;
    },
  };
}
