import { Store } from '../../electron/core/store/store.js';
import { COLLECTIONS, subscriberKey, type StoredSubscriber } from '../../electron/core/store/schema.js';
import { pollerMetaKey, type PollerMeta } from '../../electron/core/telegram/poller.js';
import type { SetupRecord } from '../../electron/core/setup/checks.js';

/** Writes `count` synced subscribers (some with a phone, an email or a source tag) and a finished setup, as a shop with a long history would have. */
export async function seedStore(dir: string, opts: { count: number; botId: number; botUsername: string; apiRoot: string; appUuid: string }): Promise<void> {
  const store = await Store.open(dir);
  const start = Date.now() - 200 * 24 * 3_600_000;
  for (let i = 0; i < opts.count; i += 5_000) {
    const tx = store.tx();
    for (let j = i; j < Math.min(opts.count, i + 5_000); j++) {
      const chatId = 1_000_000_000 + j;
      const at = start + j * 60_000;
      const s: StoredSubscriber = {
        botId: opts.botId,
        chatId,
        firstName: `Seed${j}`,
        lastName: j % 3 ? `Family${j % 977}` : undefined,
        username: j % 2 ? `seed_user_${j}` : undefined,
        languageCode: j % 4 ? 'uk' : 'en',
        source: j % 10 ? (j % 25 === 3 ? 'flyer' : undefined) : 'instagram',
        phone: j % 5 === 1 ? `38050${String(1_000_000 + j).slice(-7)}` : undefined,
        email: j % 7 === 2 ? `seed${j}@example.com` : undefined,
        state: j % 17 ? 'active' : 'blocked',
        firstStartAt: at,
        lastStartAt: at,
        yespo: { state: 'synced', pushedAt: at },
        tokenInYespo: j % 17 !== 0,
        pushed: { externalCustomerId: `tg-${chatId}`, at },
      };
      tx.put(COLLECTIONS.subscribers, subscriberKey(opts.botId, chatId), s);
      tx.append(COLLECTIONS.events, subscriberKey(opts.botId, chatId), { at, type: 'started' });
    }
    await store.commit(tx);
  }
  const setup: SetupRecord = {
    step: 'done',
    botPath: 'existing',
    complete: true,
    bot: { id: opts.botId, username: opts.botUsername, name: 'Bench bot' },
    webhook: null,
    appUuid: opts.appUuid,
    yespo: { organisationName: 'Bench', userEmail: 'bench@example.com' },
    liveTestSince: null,
  };
  const meta: PollerMeta = { botId: opts.botId, apiRoot: opts.apiRoot, recentIds: [], lastPollAt: Date.now() };
  await store.commit(store.tx().put(COLLECTIONS.meta, 'setup', setup).put(COLLECTIONS.meta, pollerMetaKey(opts.botId), meta));
  await store.compact();
  await store.close();
}
