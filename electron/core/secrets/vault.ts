import { ApiFailure } from '../contract/errors.js';
import type { KeychainCheck, SecretHint } from '../contract/types.js';
import { newLinkSecret } from '../links/signing.js';
import { secretHint } from '../redact.js';
import { secretUsableAt, type RootBinding } from './root-binding.js';
import { KeychainUnavailable, type SecretName, type SecretStore } from './secret-store.js';

/** The secrets that travel to an API root. */
export type BoundSecret = 'botToken' | 'yespoApiKey';

export interface VaultDeps {
  secrets: SecretStore;
  /** The keychain's state changed (a check ran, or a write failed). */
  onKeychainChange(): void;
}

/** Where a secret would go now, and the root it is bound to. */
export type Destination = (name: BoundSecret) => { root: string; binding: RootBinding };

/**
 * The secrets the engine works with, read once from the keychain (or the environment) and kept in
 * memory. The secret store registers every value for redaction as it reads or writes it. A secret
 * bound to another API root than the one now set is held back until it is entered again.
 */
export class SecretVault {
  private readonly cached: Partial<Record<SecretName, string | null>> = {};
  private keychainState: KeychainCheck | null = null;
  private destination: Destination | null = null;

  constructor(private readonly deps: VaultDeps) {}

  /** Where the secrets may go is known once the settings and setup are read; until then none is handed out. */
  bindRoots(destination: Destination): void {
    this.destination = destination;
  }

  get source(): KeychainCheck['source'] {
    return this.deps.secrets.source;
  }

  keychain(): KeychainCheck | null {
    return this.keychainState;
  }

  async checkKeychain(): Promise<KeychainCheck> {
    this.keychainState = await this.deps.secrets.check();
    this.deps.onKeychainChange();
    return this.keychainState;
  }

  /** The keychain's state and the two API secrets; the link key follows once the store is open. */
  async load(): Promise<void> {
    await this.checkKeychain();
    await this.read('botToken');
    await this.read('yespoApiKey');
  }

  has(name: BoundSecret): boolean {
    return !!this.cached[name];
  }

  /** The secret, unless the API root changed since it was checked. */
  usable(name: BoundSecret): string | null {
    const value = this.cached[name];
    if (!value || !this.destination) return null;
    const { root, binding } = this.destination(name);
    return secretUsableAt(root, binding) ? value : null;
  }

  heldBack(name: BoundSecret): boolean {
    return this.has(name) && this.usable(name) === null;
  }

  hints(): { botToken: SecretHint; apiKey: SecretHint } {
    return { botToken: secretHint(this.cached.botToken ?? null), apiKey: secretHint(this.cached.yespoApiKey ?? null) };
  }

  async save(name: BoundSecret, value: string): Promise<void> {
    try {
      await this.deps.secrets.set(name, value);
      this.cached[name] = value;
    } catch (error) {
      if (error instanceof KeychainUnavailable) {
        this.keychainState = { ok: false, platform: process.platform, source: this.deps.secrets.source, problem: error.problem };
        this.deps.onKeychainChange();
        throw new ApiFailure('keychain_unavailable', "The computer's password store can't be used, so the key was not saved.", { problem: error.problem });
      }
      throw error;
    }
  }

  /** Forgets a secret here and in the keychain; a keychain that refuses is the caller's to report. */
  async remove(name: BoundSecret): Promise<void> {
    this.cached[name] = null;
    await this.deps.secrets.delete(name);
  }

  /** The link-signing key as loaded, for work that cannot wait on the keychain (a batch of updates). */
  linkKeyNow(): string | null {
    return this.cached.linkSecret ?? null;
  }

  /** The link-signing key, made on first use. Null where no keychain can keep it. */
  async linkKey(): Promise<string | null> {
    if (this.cached.linkSecret) return this.cached.linkSecret;
    const existing = await this.read('linkSecret');
    if (existing) return existing;
    if (this.keychainState && !this.keychainState.ok) return null;
    const fresh = newLinkSecret();
    try {
      // Not save(): without a keychain (secrets from the environment) only signed links are
      // missing, which is no reason to report the keychain as locked.
      await this.deps.secrets.set('linkSecret', fresh);
      this.cached.linkSecret = fresh;
      return fresh;
    } catch {
      return null;
    }
  }

  /** Every secret held now, for a scan that proves a file about to leave the app carries none of them. */
  heldValues(): string[] {
    return Object.values(this.cached).filter((value): value is string => !!value);
  }

  /** Puts a link-signing key from a backup into the keychain, so links signed before verify again. */
  async restoreLinkKey(value: string): Promise<void> {
    try {
      await this.deps.secrets.set('linkSecret', value);
    } catch (error) {
      if (error instanceof KeychainUnavailable) {
        throw new ApiFailure('keychain_unavailable', "The computer's password store can't be used, so the link-signing key was not restored.", { problem: error.problem });
      }
      throw error;
    }
    this.cached.linkSecret = value;
  }

  private async read(name: SecretName): Promise<string | null> {
    try {
      this.cached[name] = await this.deps.secrets.get(name);
      return this.cached[name] ?? null;
    } catch (error) {
      // The keychain's state comes from check(): with secrets from the environment, a missing
      // keychain only costs the signed links.
      if (error instanceof KeychainUnavailable) return null;
      throw error;
    }
  }
}
