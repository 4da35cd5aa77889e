import { Api, GrammyError } from 'grammy';
import type { BotInfo, SetupState, WebhookInfo, YespoAccount } from '../contract/types.js';
import { ApiFailure } from '../contract/errors.js';
import type { RecordedRoots } from '../secrets/root-binding.js';
import { classifyTelegramError } from '../telegram/telegram-errors.js';
import { YespoClient } from '../yespo/client.js';
import { YespoAuthError, YespoError, YespoPermissionError, YespoRateLimited, YespoServerError } from '../yespo/errors.js';

/**
 * What the wizard has learned so far; kept in the store so it resumes after a restart. The secrets'
 * hints and the keychain's state are not stored: they are read live. Beside them, the API root each
 * secret was checked against (never the secret itself).
 */
export type SetupRecord = Omit<SetupState, 'secrets' | 'keychain'> & RecordedRoots;

export const EMPTY_SETUP: SetupRecord = {
  step: 'welcome',
  botPath: null,
  complete: false,
  bot: null,
  webhook: null,
  appUuid: null,
  yespo: null,
  liveTestSince: null,
};

const CHECK_TIMEOUT_SECONDS = 15;

function telegramFailure(error: unknown): ApiFailure {
  const failure = classifyTelegramError(error);
  if (failure.kind === 'unauthorized') return new ApiFailure('token_rejected', 'Telegram does not accept this bot token. Copy it again from @BotFather.');
  return new ApiFailure('telegram_unreachable', `Telegram could not be reached: ${failure.detail}`);
}

/**
 * Only the scheme and host of another service's webhook are kept and shown: its path and query
 * often carry that service's own secret.
 */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'another service';
  }
}

/** Checks a token live: who the bot is, and whether a webhook keeps its messages elsewhere. */
export async function inspectBot(token: string, apiRoot: string): Promise<{ bot: BotInfo; webhook: WebhookInfo | null }> {
  const api = new Api(token, { apiRoot, timeoutSeconds: CHECK_TIMEOUT_SECONDS });
  try {
    const me = await api.getMe();
    const hook = await api.getWebhookInfo();
    return {
      bot: { id: me.id, username: me.username, name: me.first_name },
      webhook: hook.url ? { url: webhookOrigin(hook.url), pendingUpdateCount: hook.pending_update_count } : null,
    };
  } catch (error) {
    throw telegramFailure(error);
  }
}

/** Moves the bot from another service's webhook to this app, keeping every update not yet delivered. */
export async function removeWebhook(token: string, apiRoot: string): Promise<void> {
  const api = new Api(token, { apiRoot, timeoutSeconds: CHECK_TIMEOUT_SECONDS });
  try {
    // Never drop_pending_updates: those are /start presses nobody has seen yet.
    await api.deleteWebhook({ drop_pending_updates: false });
    const hook = await api.getWebhookInfo();
    if (hook.url) throw new ApiFailure('webhook_delete_failed', 'Telegram still reports a webhook; another service may have set it again.');
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    if (error instanceof GrammyError && error.error_code !== 401 && error.error_code !== 404) {
      throw new ApiFailure('webhook_delete_failed', `Telegram refused to remove the webhook: ${error.description}`);
    }
    throw telegramFailure(error);
  }
}

export async function checkYespoKey(apiRoot: string, apiKey: string): Promise<YespoAccount> {
  try {
    return await new YespoClient({ apiRoot, apiKey, timeoutMs: CHECK_TIMEOUT_SECONDS * 1_000 }).checkCredentials();
  } catch (error) {
    if (error instanceof YespoAuthError || error instanceof YespoPermissionError) {
      throw new ApiFailure('api_key_rejected', 'Yespo does not accept this API key. Keys stop working after 90 days without use.');
    }
    const detail = error instanceof YespoError ? error.message : String(error);
    // Yespo answering 5xx or 429 means the computer is online and Yespo itself is struggling: the UI says so.
    if (error instanceof YespoServerError || error instanceof YespoRateLimited) {
      throw new ApiFailure('yespo_unreachable', `Yespo is not answering right now: ${detail}`, { yespoDown: true });
    }
    throw new ApiFailure('yespo_unreachable', `Yespo could not be reached: ${detail}`);
  }
}
