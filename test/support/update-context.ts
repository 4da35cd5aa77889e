import { createLogger } from '../../electron/core/log.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings.js';
import type { Store, Tx } from '../../electron/core/store/store.js';
import { queueReply } from '../../electron/core/telegram/replies.js';
import type { UpdateContext } from '../../electron/core/telegram/updates.js';

export const BOT_ID = 777;

/** What the engine hands applyUpdate, for a store of the test's own. */
export function updateContext(store: Store, now = Date.parse('2025-03-01T10:00:00Z')): UpdateContext {
  return {
    store,
    botId: BOT_ID,
    botUsername: 'shop_bot',
    settings: { ...DEFAULT_SETTINGS, askPhone: true, askEmail: true },
    linkSecret: 'test-link-secret-0123456789',
    now,
    logger: createLogger({ level: 'silent' }),
    reply: (tx: Tx, draft) => queueReply(tx, BOT_ID, now, draft),
  };
}
