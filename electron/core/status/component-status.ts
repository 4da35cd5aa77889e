import type { BotInfo, BotStatus, SyncStatus } from '../contract/types.js';
import type { PollerState } from '../telegram/poller.js';
import { retention } from './notices.js';

export interface BotStatusInput {
  poller: PollerState;
  /** The bot setup recorded, until the poller has met it. */
  recordedBot: BotInfo | null;
  /** The last poll saved before this run, until the poller has polled. */
  savedLastPollAt?: number;
  paused: boolean;
  hasToken: boolean;
  /** A token checked against another Telegram API root than the one now set. */
  tokenHeldBack: boolean;
  telegramApiRoot: string;
  now: number;
}

export function botStatusOf(i: BotStatusInput): BotStatus {
  const bot = i.poller.bot ?? i.recordedBot ?? undefined;
  const lastPollAt = i.poller.lastPollAt ?? i.savedLastPollAt;
  // Once the poller has let go of a held-back token, the status asks for it again.
  const askForToken = i.tokenHeldBack && i.poller.state === 'not-configured';
  const state = i.paused && i.hasToken ? 'paused' : askForToken ? 'token-rejected' : i.poller.state;
  return {
    state,
    username: bot?.username,
    botId: bot?.id,
    lastPollAt,
    nextTryAt: i.poller.nextTryAt,
    detail: askForToken
      ? `The Telegram API address is now ${i.telegramApiRoot}: enter the bot token again, so it is checked there before it is sent there.`
      : i.poller.detail,
    ...retention(state === 'polling' || state === 'paused' ? undefined : lastPollAt, i.now),
  };
}

/** The sync's own status, or a request for the key where it is held back for another Yespo root. */
export function syncStatusOf(sync: SyncStatus, keyHeldBack: boolean, hasAppUuid: boolean, yespoApiRoot: string): SyncStatus {
  if (sync.state !== 'not-configured' || !keyHeldBack || !hasAppUuid) return sync;
  return {
    ...sync,
    state: 'paused-auth',
    detail: `The Yespo API address is now ${yespoApiRoot}: enter the API key again, so it is checked there before it is sent there.`,
  };
}
