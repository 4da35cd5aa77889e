import type { KeychainCheck } from '../contract/types.js';

export const SECRET_NAMES = ['botToken', 'yespoApiKey', 'linkSecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Where the bot token, the Yespo API key and the deep-link signing secret live. Nothing else holds them. */
export interface SecretStore {
  readonly source: KeychainCheck['source'];
  check(): Promise<KeychainCheck>;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** Raised when the OS keychain cannot be used; the UI explains how to unlock it per platform. */
export class KeychainUnavailable extends Error {
  constructor(readonly problem: string) {
    super(`The OS keychain is not available: ${problem}`);
    this.name = 'KeychainUnavailable';
  }
}
