import type { StoredSubscriber } from '../store/schema.js';
import type { YespoClient } from './client.js';

export type TokenLookup = NonNullable<StoredSubscriber['tokenLookup']>;

/**
 * Whether Yespo may still hold this chat's token: it was pushed before (the person blocked the bot
 * and came back, or Yespo dropped the token), and Yespo removes a token only when a send fails.
 */
export function mayHoldToken(sub: Pick<StoredSubscriber, 'pushed'>): boolean {
  return sub.pushed !== undefined;
}

/**
 * Asks Yespo which contact holds a chat's token. The method is documented for mobile push tokens;
 * whether it answers for Telegram chats is unknown, so a 404 or any other error means "not known"
 * and the push goes on as it would have without asking.
 */
export async function lookUpToken(client: Pick<YespoClient, 'tokenHolder'>, appUuid: string, token: string, now: () => number): Promise<TokenLookup> {
  try {
    const contactId = await client.tokenHolder(appUuid, token);
    return contactId === null ? { at: now() } : { at: now(), contactId };
  } catch {
    return { at: now() };
  }
}
