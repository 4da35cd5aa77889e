import { ApiFailure } from '../contract/errors.js';
import type { MustActCode, OwnerAlerts, Settings } from '../contract/types.js';
import type { Logger } from '../log.js';
import { COLLECTIONS, META } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { queueReply } from '../telegram/replies.js';
import { alertLanguage, alertText, clockTime } from './alert-texts.js';
import { alertSteps, type TrackedStates } from './alert-timing.js';
import { CODE_TTL_MS, codeHash, newAlertCode, type OwnerAlertsRecord } from './owner-chat.js';

export interface OwnerAlertsDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  commit(tx: Tx): Promise<void>;
  bot(): { id: number; username: string } | null;
  settings(): Settings;
  /** The reply sender sends the queued alerts, within Telegram's rate limits and across restarts. */
  wakeSender(): void;
}

/**
 * Alerts to the owner's own Telegram chat: the one-time link that names her chat, and the messages
 * when a must-act state lasts 15 minutes and when it clears. The conversation itself (her Start,
 * her /stop) is handled with the other updates, in `owner-chat.ts`.
 */
export class OwnerAlertsService {
  private tracked: TrackedStates;

  constructor(private readonly deps: OwnerAlertsDeps) {
    this.tracked = deps.store.get<TrackedStates>(COLLECTIONS.meta, META.ownerAlertStates) ?? {};
  }

  state(): OwnerAlerts {
    const record = this.record();
    if (record?.chat) return { state: 'on', since: record.chat.since, name: record.chat.name };
    if (record?.pending && record.pending.expiresAt > this.deps.now()) return { state: 'waiting', expiresAt: record.pending.expiresAt };
    return { state: 'off' };
  }

  /** A new one-time link for her phone; an earlier one stops working. Alerts go on to her current chat until her Start. */
  async begin(): Promise<OwnerAlerts> {
    const bot = this.deps.bot();
    if (!bot) throw new ApiFailure('not_ready', 'Connect the bot first: alerts come from it.');
    const code = newAlertCode();
    const expiresAt = this.deps.now() + CODE_TTL_MS;
    const record = this.record();
    const next: OwnerAlertsRecord = { botId: bot.id, pending: { codeHash: codeHash(code), expiresAt } };
    if (record?.chat) next.chat = record.chat;
    const tx = this.deps.store.tx();
    tx.put(COLLECTIONS.meta, META.ownerAlerts, next);
    await this.deps.commit(tx);
    return { ...this.state(), state: 'waiting', expiresAt, link: `https://t.me/${bot.username}?start=${code}` };
  }

  /** Stops alerts from Settings; her chat hears that it gets no more. */
  async end(): Promise<OwnerAlerts> {
    const record = this.record();
    if (!record) return this.state();
    const tx = this.deps.store.tx();
    tx.delete(COLLECTIONS.meta, META.ownerAlerts);
    if (record.chat) {
      const words = alertText(alertLanguage(this.deps.settings().uiLanguage, record.chat.lang));
      queueReply(tx, record.botId, this.deps.now(), { chatId: record.chat.chatId, message: 'alert', text: words.stoppedFromApp });
    }
    await this.deps.commit(tx);
    this.deps.wakeSender();
    return this.state();
  }

  /** Follows the must-act states; queues what her chat must hear. Returns when to look again. */
  async follow(current: readonly MustActCode[]): Promise<number | undefined> {
    const now = this.deps.now();
    const { tracked, send, nextCheckAt } = alertSteps(this.tracked, current, now);
    const changed = JSON.stringify(tracked) !== JSON.stringify(this.tracked);
    this.tracked = tracked;
    if (!changed) return nextCheckAt;
    const tx = this.deps.store.tx();
    tx.put(COLLECTIONS.meta, META.ownerAlertStates, tracked);
    const record = this.record();
    const bot = this.deps.bot();
    const chat = record?.chat && bot?.id === record.botId ? record.chat : null;
    if (chat && send.length) {
      const words = alertText(alertLanguage(this.deps.settings().uiLanguage, chat.lang));
      for (const message of send) {
        const state = words.states[message.code];
        const text = message.kind === 'raised' ? words.raised(state, clockTime(message.since)) : words.cleared(state);
        queueReply(tx, record!.botId, now, { chatId: chat.chatId, message: 'alert', text });
      }
    }
    // Saved with the alerts it queued, so a restart neither loses nor repeats one.
    await this.deps.commit(tx).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not save the owner’s alerts'));
    if (send.length) this.deps.logger.info({ alerts: send.map((m) => `${m.code}:${m.kind}`), toldOwner: !!chat }, 'must-act states for the owner’s chat');
    if (chat && send.length) this.deps.wakeSender();
    return nextCheckAt;
  }

  private record(): OwnerAlertsRecord | undefined {
    return this.deps.store.get<OwnerAlertsRecord>(COLLECTIONS.meta, META.ownerAlerts);
  }
}
