import type { Api } from 'grammy';
import type { Logger } from '../log.js';
import { COLLECTIONS } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { classifyTelegramError } from './telegram-errors.js';

export const COLLECTION = COLLECTIONS.answers;
/** The button spins until answered and gives up after about 15 s: a later answer is useless. */
export const ANSWER_WINDOW_MS = 15_000;
const RETRY_MS = 1_000;

/** A callback query still to be answered, keyed by its id. */
export interface AnswerItem {
  id: string;
  botId: number;
  chatId: number;
  createdAt: number;
}

/** Queues the answer inside the batch that brought the press. */
export function queueAnswer(tx: Tx, botId: number, chatId: number, queryId: string, now: number): void {
  tx.put(COLLECTION, queryId, { id: queryId, botId, chatId, createdAt: now } satisfies AnswerItem);
}

export function staleAnswers<T extends AnswerItem>(items: Iterable<T>, now: number): T[] {
  return [...items].filter((item) => now - item.createdAt >= ANSWER_WINDOW_MS);
}

export interface AnswerSenderDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  api: () => Api | null;
}

/**
 * Answers button presses, apart from the reply queue so a long queue of welcomes never delays them.
 * Like replies, an answer waits until the press is on disk; one that could no longer help is dropped.
 */
export class AnswerSender {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private tick: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: AnswerSenderDeps) {}

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
  }

  wake(delay = 0): void {
    if (!this.running) return;
    if (this.tick) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.again = false;
      this.tick = this.answerAll().finally(() => {
        this.tick = null;
        // Presses that came in meanwhile go at once; those Telegram could not take yet, a little later.
        if (this.again) this.wake();
        else if (this.deps.store.collection(COLLECTION).size > 0) this.wake(RETRY_MS);
      });
    }, delay);
  }

  private async answerAll(): Promise<void> {
    const { store, now } = this.deps;
    const queue = store.collection<AnswerItem>(COLLECTION);
    if (queue.size === 0) return;
    const stale = staleAnswers(queue.values(), now());
    const api = this.deps.api();
    // An answer to a press that is not on disk yet could be followed by a second one after a crash.
    const saved = await store.durable().then(() => true, () => false);
    const due = saved && api ? [...queue.values()].filter((item) => !stale.includes(item)) : [];
    const done = await Promise.all(due.map((item) => this.answer(api!, item)));
    const tx = store.tx();
    for (const item of [...stale, ...due.filter((_, i) => done[i])]) tx.delete(COLLECTION, item.id);
    await store.commit(tx).catch((e: unknown) => this.deps.logger.warn({ err: e }, 'could not save answered button presses'));
  }

  /** True when nothing is left to do for this press: answered, or refused for good. */
  private async answer(api: Api, item: AnswerItem): Promise<boolean> {
    try {
      await api.answerCallbackQuery(item.id);
      return true;
    } catch (error) {
      const failure = classifyTelegramError(error);
      if (failure.kind === 'transient' || failure.kind === 'rate-limited') return false;
      this.deps.logger.info({ chatId: item.chatId, detail: failure.detail }, 'a button press could not be answered');
      return true;
    }
  }
}
