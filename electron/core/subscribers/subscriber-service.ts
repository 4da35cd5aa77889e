import { ApiFailure } from '../contract/errors.js';
import type { Counts, ExportRequest, ForgetResult, ImportReport, LiveTest, Stats, SubscriberDetail, SubscriberPage, SubscriberQuery, SubscriberSources } from '../contract/types.js';
import type { SaveJob } from '../files/save-job.js';
import { COLLECTIONS, META, subscriberKey, type StoredEvent, type StoredSubscriber } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { queueOutbox } from '../yespo/queue.js';
import { SubscriberCounts } from './counts.js';
import { forgetChat, tokenReachedYespo, yespoTraces } from './forget.js';
import { importCsv } from './import-subscribers.js';
import { publicEvent, publicSubscriber } from './public.js';
import { subscriberExportJob } from './export-csv.js';
import { matchingEntries, queryOrder, querySubscribers, subscriberStats } from './query.js';
import { SubscriberIndex } from './subscriber-index.js';
import { sourceCounts } from './subscriber-sources.js';

export interface SubscriberDeps {
  store: Store;
  now: () => number;
  commit(tx: Tx): Promise<void>;
  /** Subscribers are the current bot's: every record carries its bot id. */
  currentBotId(): number | null;
  externalIdPrefix(): string;
}

/** The subscribers of the current bot: queries, one person's story, muting, and forgetting them all. */
export class SubscriberService {
  private readonly counter: SubscriberCounts;
  private readonly index: SubscriberIndex;

  constructor(private readonly deps: SubscriberDeps) {
    this.counter = new SubscriberCounts(deps.store, deps.now);
    this.index = new SubscriberIndex(deps.store);
  }

  counts(): Counts {
    return this.counter.get(this.deps.currentBotId());
  }

  query(q: SubscriberQuery): SubscriberPage {
    return querySubscribers(this.index, this.deps.currentBotId(), q, this.deps.externalIdPrefix());
  }

  sources(): SubscriberSources {
    return sourceCounts(this.index.all(), this.deps.currentBotId());
  }

  /** The subscribers a query matches, in its order, as a CSV file to save (the records as they are now). */
  exportJob(request: ExportRequest): SaveJob {
    const entries = matchingEntries(this.index, this.deps.currentBotId(), request.query).sort(queryOrder(request.query));
    return subscriberExportJob(
      entries.map((e) => e.s),
      request,
      this.deps.externalIdPrefix(),
    );
  }

  stats(): Omit<Stats, 'pending' | 'failed' | 'undeliveredLast30Days'> {
    return subscriberStats(this.deps.store, this.deps.currentBotId(), this.deps.now());
  }

  detail(chatId: number): SubscriberDetail {
    const { key, record } = this.find(chatId);
    const history = this.deps.store.get<StoredEvent[]>(COLLECTIONS.events, key) ?? [];
    return { subscriber: publicSubscriber(record, this.deps.externalIdPrefix()), events: history.slice(-500).reverse().map((e) => publicEvent(e, record)) };
  }

  /** Pauses newsletters to one subscriber in Yespo (`seconds`), or resumes them (null). */
  async mute(chatId: number, seconds: number | null): Promise<SubscriberDetail> {
    const { store, now } = this.deps;
    const { key, record } = this.find(chatId);
    if (record.state === 'unsubscribed') {
      throw new ApiFailure('subscriber_unsubscribed', `Subscriber ${chatId} unsubscribed with /stop; their newsletters stay stopped until they press Start in the bot again.`);
    }
    const tx = store.tx();
    const at = now();
    if (seconds === null) {
      const { mutedUntil: _m, ...rest } = record;
      tx.put(COLLECTIONS.subscribers, key, rest);
      queueOutbox(tx, store, 'unmute', record.botId, chatId, at);
      tx.append(COLLECTIONS.events, key, { at, type: 'unmuted' });
    } else {
      tx.put(COLLECTIONS.subscribers, key, { ...record, mutedUntil: at + seconds * 1_000 });
      queueOutbox(tx, store, 'mute', record.botId, chatId, at, seconds);
      tx.append(COLLECTIONS.events, key, { at, type: 'muted', detail: `${seconds}` });
    }
    await this.deps.commit(tx);
    return this.detail(chatId);
  }

  /**
   * Forgets one person on request: everything kept here goes, and their token is muted in Yespo by
   * an outbox item that needs nothing but the chat id. The store is then compacted so that the
   * record is gone from the files on disk too, not only from the view.
   */
  async forget(chatId: number): Promise<ForgetResult> {
    const { store, now } = this.deps;
    const { key, record } = this.find(chatId);
    const tx = store.tx();
    forgetChat(tx, store, record.botId, chatId, key);
    if (tokenReachedYespo(store, record)) queueOutbox(tx, store, 'mute', record.botId, chatId, now());
    await this.deps.commit(tx);
    await store.compact();
    return { chatId, inYespo: yespoTraces(record) };
  }

  /** Subscribers from another tool's CSV export of the same bot; they are pushed like everyone else. */
  async importCsv(csv: string): Promise<ImportReport> {
    const botId = this.deps.currentBotId();
    if (botId === null) throw new ApiFailure('not_ready', 'Connect the bot first: the imported chat ids are its subscribers.');
    return importCsv(csv, { store: this.deps.store, botId, now: this.deps.now(), commit: this.deps.commit });
  }

  newestSince(botId: number, since: number): LiveTest['subscriber'] {
    let newest: StoredSubscriber | undefined;
    for (const s of this.deps.store.collection<StoredSubscriber>(COLLECTIONS.subscribers).values()) {
      if (s.botId === botId && s.lastStartAt >= since && (!newest || s.lastStartAt > newest.lastStartAt)) newest = s;
    }
    if (!newest) return null;
    return { chatId: newest.chatId, name: [newest.firstName, newest.lastName].filter(Boolean).join(' '), at: newest.lastStartAt, yespo: newest.yespo.state };
  }

  /** Adds to `tx` the removal of every subscriber and all that belongs to them (keeping settings and setup). */
  forgetAll(tx: Tx): void {
    const { store } = this.deps;
    for (const c of [COLLECTIONS.subscribers, COLLECTIONS.events, COLLECTIONS.outbox, COLLECTIONS.replies, COLLECTIONS.failures]) {
      for (const key of [...store.collection(c).keys()]) tx.delete(c, key);
    }
    for (const key of [...store.collection(COLLECTIONS.meta).keys()]) if (key !== META.settings && key !== META.setup) tx.delete(COLLECTIONS.meta, key);
  }

  private find(chatId: number): { key: string; record: StoredSubscriber } {
    const botId = this.deps.currentBotId();
    const key = botId === null ? undefined : subscriberKey(botId, chatId);
    const record = key ? this.deps.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key) : undefined;
    if (!record || !key) throw new ApiFailure('not_found', `There is no subscriber with chat id ${chatId}.`);
    return { key, record };
  }
}
