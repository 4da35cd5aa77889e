import type { KeychainCheck } from '../contract/types.js';
import { rememberSecret } from '../redact.js';
import type { SecretName, SecretStore } from './secret-store.js';

/** The environment variables the headless shell accepts instead of keychain entries. */
export const ENV_SECRETS: ReadonlyArray<{ name: SecretName; variable: string }> = [
  { name: 'botToken', variable: 'TELEGRAM_BOT_TOKEN' },
  { name: 'yespoApiKey', variable: 'YESPO_API_KEY' },
];

/**
 * Serves the secrets given as environment variables from memory and everything else from `base`.
 * A secret that came from the environment is owned by this overlay for the whole run: replacing or
 * deleting it changes only the in-memory copy, so it is never written to (or read back from) the
 * keychain, and a server without any keychain can run on environment variables alone.
 */
export function createEnvOverlaySecrets(base: SecretStore, env: NodeJS.ProcessEnv): SecretStore {
  const owned = new Map<SecretName, string | null>();
  for (const { name, variable } of ENV_SECRETS) {
    // Trimmed: values pasted into .env files or shell exports often carry a newline.
    const value = env[variable]?.trim();
    if (value) {
      rememberSecret(value);
      owned.set(name, value);
    }
  }
  const source: KeychainCheck['source'] = owned.size > 0 ? 'environment' : base.source;
  const coversAll = ENV_SECRETS.every(({ name }) => owned.has(name));

  return {
    source,

    async check(): Promise<KeychainCheck> {
      const result = await base.check();
      if (!result.ok && coversAll) return { ok: true, platform: result.platform, source };
      return { ...result, source };
    },

    async get(name) {
      return owned.has(name) ? (owned.get(name) ?? null) : base.get(name);
    },

    async set(name, value) {
      if (!owned.has(name)) return base.set(name, value);
      rememberSecret(value);
      owned.set(name, value);
    },

    async delete(name) {
      if (!owned.has(name)) return base.delete(name);
      owned.set(name, null);
    },
  };
}
