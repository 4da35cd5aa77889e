import type { BotInfo, Settings } from '../contract/types.js';
import type { Logger } from '../log.js';
import type { Store, Tx } from '../store/store.js';
import { queueReplyOnce, type ReplyDraft } from './replies.js';
import { applyUpdate, type TgUpdate } from './updates.js';

export interface BatchContext {
  store: Store;
  bot: BotInfo;
  settings: Settings;
  /** The deep-link signing key; null when the keychain cannot give it (links stay plain tags). */
  linkSecret: string | null;
  now: number;
  logger: Logger;
}

/**
 * What a batch of updates means, added to `tx`. One update that cannot be handled is logged and
 * skipped: it must not hold up the rest of the batch (nor, by never being confirmed, every later one).
 */
export function applyBatch(tx: Tx, updates: readonly TgUpdate[], c: BatchContext): void {
  const ctx = {
    store: c.store,
    botId: c.bot.id,
    botUsername: c.bot.username,
    settings: c.settings,
    linkSecret: c.linkSecret,
    now: c.now,
    logger: c.logger,
    reply: (t: Tx, draft: ReplyDraft) => queueReplyOnce(t, c.store, c.bot.id, c.now, draft),
  };
  let unreadable = 0;
  for (const update of updates) {
    try {
      if (!applyUpdate(tx, ctx, update)) unreadable++;
    } catch (error) {
      unreadable++;
      c.logger.warn({ err: error, updateId: update.update_id }, 'an update could not be handled; skipped');
    }
  }
  if (unreadable) c.logger.info({ unreadable }, 'updates without a subscriber action (groups, other bots, unknown kinds)');
}
