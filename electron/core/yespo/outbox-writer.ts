import { errorText } from '../error-text.js';
import { Tx } from '../store/store.js';
import { COLLECTIONS, subscriberKey, type OutboxItem, type StoredEvent, type StoredSubscriber } from '../store/schema.js';
import type { ContactUpdate } from './client.js';
import type { YespoError } from './errors.js';
import type { tokenEntryFor } from './identity.js';
import type { OutboxIndex } from './outbox-index.js';
import type { SyncContext } from './sync-context.js';
import type { TokenLookup } from './token-lookup.js';

/** Meta record `yespo`. */
export interface YespoMeta {
  lastSuccessAt?: number;
}

export const YESPO_META_KEY = 'yespo';

type Change = [before: OutboxItem, after: OutboxItem | undefined];

/** A token push ready to go: the item, its subscriber's key, what Yespo is sent and its token lookup's answer. */
export type PreparedToken = { item: OutboxItem; key: string; lookup?: TokenLookup } & ReturnType<typeof tokenEntryFor>;

export interface OutboxWriterDeps extends Pick<SyncContext, 'store' | 'gate' | 'now' | 'logger' | 'notify'> {
  outbox: ReadonlyMap<string, OutboxItem>;
  index: OutboxIndex;
}

/**
 * Turns Yespo's answers into store changes, keeping the in-memory index's counts right as each
 * change applies. A commit the store cannot save stops sending (through the gate) until it can.
 */
export class OutboxWriter {
  private ownCommit = false;
  private lastSuccess: number | undefined;

  constructor(private readonly deps: OutboxWriterDeps) {
    this.readLastSuccess();
  }

  get lastSuccessAt(): number | undefined {
    return this.lastSuccess;
  }

  readLastSuccess(): void {
    this.lastSuccess = this.deps.store.get<YespoMeta>(COLLECTIONS.meta, YESPO_META_KEY)?.lastSuccessAt;
  }

  /** Others' changes to the outbox (new subscribers, retries, mutes) go into the index as they come. */
  follow(onOutboxChange: () => void): () => void {
    const { store, index } = this.deps;
    return store.onChange((collections, records) => {
      if (this.ownCommit || !collections.has(COLLECTIONS.outbox)) return;
      for (const r of records) {
        if (r.c !== COLLECTIONS.outbox) continue;
        const after = r.after as OutboxItem | undefined;
        index.account(r.before as OutboxItem | undefined, after);
        if (after?.state === 'waiting') index.index(after, after.nextAttemptAt);
      }
      onOutboxChange();
    });
  }

  /**
   * Commits and keeps the outbox counts right. The counts move as the store applies the change (in
   * the same tick), so the store's change listener never counts it twice.
   */
  async commit(tx: Tx, changes: readonly Change[]): Promise<void> {
    if (!tx.ops.length) return;
    let pending: Promise<void>;
    this.ownCommit = true;
    try {
      pending = this.deps.store.commit(tx);
    } finally {
      this.ownCommit = false;
    }
    for (const [before, after] of changes) this.deps.index.account(before, after);
    this.deps.notify();
    try {
      await pending;
    } catch (error) {
      // The change is applied in memory and queued in the store; sending stops until it is on disk,
      // or a crash now would send these pushes again.
      this.deps.gate.storeFailing((error as Error).message);
      this.deps.logger.error({ err: error }, 'The Yespo sync could not save its progress; sending is paused');
    }
  }

  /**
   * Only what is on disk goes to Yespo: the outbox is followed in memory as changes are committed,
   * and a subscriber lost to a full disk must not be in Yespo twice (or at all) after a restart.
   */
  async durable(): Promise<boolean> {
    try {
      await this.deps.store.durable();
      return true;
    } catch (error) {
      this.deps.gate.storeFailing((error as Error).message);
      return false;
    }
  }

  async checkStore(): Promise<void> {
    try {
      await this.deps.store.flush();
      this.deps.gate.storeSaved();
    } catch (error) {
      this.deps.gate.storeFailing((error as Error).message);
    }
  }

  /** Items with nothing left to send: done, vanished, or already in Yespo. */
  async drop(items: readonly OutboxItem[]): Promise<void> {
    const tx = new Tx();
    for (const item of items) tx.delete(COLLECTIONS.outbox, item.id);
    await this.commit(tx, items.map((item) => [item, undefined]));
  }

  async tokensAccepted(prepared: readonly PreparedToken[]): Promise<void> {
    const { store, outbox } = this.deps;
    const at = this.deps.now();
    const tx = new Tx();
    const changes: Change[] = [];
    for (const p of prepared) {
      const current = outbox.get(p.item.id);
      if (current) {
        tx.delete(COLLECTIONS.outbox, p.item.id);
        changes.push([current, undefined]);
      }
      const sub = tx.read<StoredSubscriber>(store, COLLECTIONS.subscribers, p.key);
      if (!sub) continue;
      tx.patch<StoredSubscriber>(store, COLLECTIONS.subscribers, p.key, {
        // A chat blocked while the push was in flight loses the token at Yespo's next send.
        tokenInYespo: sub.state === 'active',
        yespo: { state: 'synced', pushedAt: at },
        pushed: { ...p.pushed, reason: p.reason, at },
        ...(p.lookup ? { tokenLookup: p.lookup } : {}),
      });
      tx.append(COLLECTIONS.events, p.key, { at, type: 'pushed', detail: `${p.identity.kind} ${p.identity.value}` } satisfies StoredEvent);
    }
    this.succeeded(tx, at);
    await this.commit(tx, changes);
  }

  /** A contact update, mute or unmute Yespo took; a contact update is noted in the history. */
  async singleDone(item: OutboxItem, update: ContactUpdate | null): Promise<void> {
    const at = this.deps.now();
    const tx = new Tx().delete(COLLECTIONS.outbox, item.id);
    if (update) {
      const sent = [update.phone && 'phone', update.email && 'email', update.firstName && 'name'].filter(Boolean).join(', ');
      tx.append(COLLECTIONS.events, subscriberKey(item.botId, item.chatId), { at, type: 'contact-updated', detail: sent } satisfies StoredEvent);
    }
    this.succeeded(tx, at);
    await this.commit(tx, [[item, undefined]]);
  }

  /** Persists attempts, the next attempt time and the error on items that will be tried again. */
  async postpone(items: readonly OutboxItem[], message: string, nextAttemptAt: number): Promise<void> {
    const now = this.deps.now();
    const tx = new Tx();
    const changes: Change[] = [];
    for (const item of items) {
      const current = this.deps.outbox.get(item.id);
      if (!current || current.state !== 'waiting') continue;
      const next: OutboxItem = { ...current, attempts: current.attempts + 1, nextAttemptAt, lastError: message, lastAttemptAt: now };
      tx.put(COLLECTIONS.outbox, item.id, next);
      changes.push([current, next]);
    }
    await this.commit(tx, changes);
  }

  /** Yespo refused the item itself: it waits for the owner, and a token's subscriber shows why. */
  async markFailed(item: OutboxItem, error: YespoError): Promise<void> {
    const now = this.deps.now();
    const text = error.yespoText ?? error.message;
    const current = this.deps.outbox.get(item.id) ?? item;
    const failed: OutboxItem = { ...current, state: 'failed', attempts: current.attempts + 1, lastError: text, lastAttemptAt: now };
    const key = subscriberKey(item.botId, item.chatId);
    const tx = new Tx().put(COLLECTIONS.outbox, item.id, failed);
    const sub = this.deps.store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
    const isToken = item.kind === 'token';
    if (sub && isToken) tx.put(COLLECTIONS.subscribers, key, { ...sub, yespo: { state: 'failed', error: text } } satisfies StoredSubscriber);
    const what = isToken ? text : `${item.kind === 'contact' ? 'Contact update' : item.kind === 'event' ? 'Event' : item.kind === 'mute' ? 'Mute' : 'Unmute'}: ${text}`;
    // A forgotten subscriber's mute must not start a new story for them.
    if (sub) tx.append(COLLECTIONS.events, key, { at: now, type: 'push-failed', detail: errorText(what) } satisfies StoredEvent);
    this.deps.logger.warn({ chatId: item.chatId, kind: item.kind, reason: text }, 'Yespo refused an item');
    await this.commit(tx, [[current, failed]]);
  }

  /** A call that changes nothing in the outbox worked: the key is in use. */
  async keyWorked(): Promise<void> {
    const tx = new Tx();
    this.succeeded(tx, this.deps.now());
    await this.commit(tx, []);
  }

  /** Puts failed items back in the queue, or makes waiting ones due now; returns how many. */
  async retry(cause: 'yespo-rejected' | 'waiting-retry'): Promise<number> {
    const { store, outbox, index } = this.deps;
    const now = this.deps.now();
    const tx = new Tx();
    const changes: Array<[OutboxItem, OutboxItem]> = [];
    for (const item of outbox.values()) {
      if (cause === 'yespo-rejected' && item.state === 'failed') {
        const { lastError: _e, lastAttemptAt: _a, ...rest } = item;
        changes.push([item, { ...rest, state: 'waiting', attempts: 0, nextAttemptAt: now }]);
        if (item.kind === 'token') {
          const key = subscriberKey(item.botId, item.chatId);
          const sub = store.get<StoredSubscriber>(COLLECTIONS.subscribers, key);
          if (sub) tx.put(COLLECTIONS.subscribers, key, { ...sub, yespo: { state: 'pending' } });
        }
      } else if (cause === 'waiting-retry' && item.state === 'waiting' && item.attempts > 0 && !index.isClaimed(item.id)) {
        changes.push([item, { ...item, nextAttemptAt: now }]);
      }
    }
    for (const [, after] of changes) tx.put(COLLECTIONS.outbox, after.id, after);
    await this.commit(tx, changes);
    for (const [, after] of changes) index.index(after, now);
    return changes.length;
  }

  /** Adds the success bookkeeping to a commit: the key worked just now. */
  private succeeded(tx: Tx, at: number): void {
    this.deps.gate.succeeded();
    this.lastSuccess = at;
    tx.put(COLLECTIONS.meta, YESPO_META_KEY, { lastSuccessAt: at } satisfies YespoMeta);
  }
}
