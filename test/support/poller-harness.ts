import { createLogger } from '../../electron/core/log.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings.js';
import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { Poller, type PollerState } from '../../electron/core/telegram/poller.js';
import { queueReply } from '../../electron/core/telegram/replies.js';
import { applyUpdate } from '../../electron/core/telegram/updates.js';
import type { Settings } from '../../electron/core/contract/types.js';

export interface PollerHarness {
  store: Store;
  poller: Poller;
  states: PollerState[];
  subscribers(): StoredSubscriber[];
  waitFor(check: () => boolean, what: string, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A real Store and Poller with the real update handling, against a fake or real Bot API root. */
export async function startPoller(opts: {
  dir: string;
  apiRoot: string;
  token: () => string | null;
  settings?: Partial<Settings>;
  linkSecret?: string | null;
  timeScale?: number;
  beforeWrite?: () => void;
  afterBatch?: () => void;
}): Promise<PollerHarness> {
  const store = await Store.open(opts.dir, { beforeWrite: opts.beforeWrite });
  const logger = createLogger({ level: 'silent' });
  const states: PollerState[] = [];
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const poller = new Poller({
    store,
    logger,
    now: Date.now,
    token: opts.token,
    apiRoot: () => opts.apiRoot,
    applyBatch: (tx, bot, updates) => {
      const now = Date.now();
      const ctx = { store, botId: bot.id, botUsername: bot.username, settings, linkSecret: opts.linkSecret ?? null, now, logger, reply: (t: typeof tx, d: Parameters<typeof queueReply>[3]) => queueReply(t, bot.id, now, d) };
      for (const u of updates) applyUpdate(tx, ctx, u);
    },
    afterBatch: () => opts.afterBatch?.(),
    onState: (s) => states.push(s),
    pollTimeoutSeconds: 1,
    timeScale: opts.timeScale ?? 0.01,
  });
  poller.start();
  return {
    store,
    poller,
    states,
    subscribers: () => [...store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()],
    async waitFor(check, what, ms = 10_000) {
      const until = Date.now() + ms;
      while (!check()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(states.at(-1))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await poller.stop();
      await store.close();
    },
  };
}
