import { ApiFailure } from '../contract/errors.js';
import type { SecretVault } from '../secrets/vault.js';
import { signPayload } from './signing.js';

export interface LinkRequest {
  externalCustomerId?: string;
  contactId?: number;
  source?: string;
}

/** Links to the bot for a website: plain ones with a source tag, and signed ones that say who the customer is. */
export class LinksService {
  constructor(private readonly deps: { vault: SecretVault; botUsername(): string }) {}

  async deepLink({ externalCustomerId, contactId, source }: LinkRequest): Promise<{ url: string; payload: string }> {
    const base = `https://t.me/${this.deps.botUsername()}`;
    if (externalCustomerId === undefined && contactId === undefined) {
      return { url: source ? `${base}?start=${source}` : base, payload: source ?? '' };
    }
    const key = await this.deps.vault.linkKey();
    if (!key) throw new ApiFailure('keychain_unavailable', "Signed links need the computer's password store, which is not available.");
    const payload = contactId !== undefined ? signPayload(key, 'contactId', String(contactId)) : signPayload(key, 'externalCustomerId', externalCustomerId!.trim());
    if (!payload) throw new ApiFailure('invalid_argument', 'This customer id is too long for a Telegram link (at most 34 characters).');
    return { url: `${base}?start=${payload}`, payload };
  }

  async revealKey(): Promise<{ key: string }> {
    const key = await this.deps.vault.linkKey();
    if (!key) throw new ApiFailure('keychain_unavailable', "The link-signing key lives in the computer's password store, which is not available.");
    return { key };
  }
}
