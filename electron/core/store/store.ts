import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyOp, storeAsWritten, type ListBound } from './apply-op.js';
import { committedMarkFile, journalFileName, JournalWriter, listJournals, parseJournal, readCommittedMark, type JournalOp } from './journal.js';
import { quarantine, type RecordCheck } from './quarantine.js';
import { keepPrivate, PRIVATE_DIR } from './private-files.js';
import { SCHEMA_VERSION } from './migrations.js';
import { SnapshotFile, syncDir, type Collections } from './snapshot.js';

export type { ListBound } from './apply-op.js';

export interface StoreHealth {
  state: 'ok' | 'write-failed' | 'recovered';
  detail?: string;
  movedAside?: string;
  /** Records found unreadable at start: moved to a quarantine file, not loaded. */
  quarantined?: number;
}

export interface StoreOptions {
  /** Journal size that triggers a compaction into the snapshot. */
  compactBytes?: number;
  /** Test hook: called before every journal write; throwing simulates a full disk. */
  beforeWrite?: () => void;
  /** Which records are readable: the others are quarantined at start instead of stopping the app. */
  checkRecord?: RecordCheck;
  /**
   * Bounds a list after each append (a subscriber's history). Applied on replay too, so a list
   * reads the same before and after a restart, and a compaction writes only what is kept.
   */
  boundList?: ListBound;
}


/** A set of changes that is applied and made durable together. */
export class Tx {
  readonly ops: Array<Omit<JournalOp, 's'>> = [];
  /** Values put or deleted in this Tx, so later steps of one batch see earlier ones. */
  private readonly pending = new Map<string, unknown>();

  put(collection: string, key: string, value: unknown): this {
    this.ops.push({ c: collection, k: key, v: value });
    this.pending.set(`${collection}\u0000${key}`, value);
    return this;
  }

  delete(collection: string, key: string): this {
    this.ops.push({ c: collection, k: key, v: null });
    this.pending.set(`${collection}\u0000${key}`, undefined);
    return this;
  }

  /** The value as this Tx will leave it. */
  read<T>(store: Store, collection: string, key: string): T | undefined {
    const id = `${collection}\u0000${key}`;
    return this.pending.has(id) ? (this.pending.get(id) as T | undefined) : store.get<T>(collection, key);
  }

  /** Sets some fields of an existing record; the journal holds only those fields. */
  patch<T extends object>(store: Store, collection: string, key: string, fields: Partial<T>): this {
    const current = this.read<T>(store, collection, key);
    if (current === undefined) return this;
    this.ops.push({ c: collection, k: key, m: fields as Record<string, unknown> });
    this.pending.set(`${collection}\u0000${key}`, { ...current, ...fields });
    return this;
  }

  /** Appends to the list kept at `key` (a subscriber's history). */
  append(collection: string, key: string, item: unknown): this {
    this.ops.push({ c: collection, k: key, a: item });
    return this;
  }
}

/** One record put or deleted by a commit, with its values around it (appends are not listed). */
export interface RecordChange {
  c: string;
  k: string;
  before: unknown;
  after: unknown;
}

export class StoreWriteError extends Error {
  constructor(cause: unknown) {
    super(`The app can't save its data: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'StoreWriteError';
  }
}

const SNAPSHOT = 'data.json';

/**
 * All persistent state of one engine: collections of records in memory, made durable by an
 * append-only journal (one fsync per commit) and compacted into a lowdb snapshot in the background.
 * The cost of a commit depends on its own size, not on how many records are stored.
 */
export class Store {
  private readonly changes = new EventEmitter();
  private seq: number;
  private queue: JournalOp[] = [];
  private flushing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private closed = false;
  private readonly versions = new Map<string, number>();
  /** Size of the last snapshot: the journal may grow to twice that before folding, so compaction costs O(1) per change on average. */
  private snapshotBytes = 0;
  private snapshotSeq = 0;
  /** The last sequence number known to be on disk. */
  private durableSeq = 0;
  private compactTimer: NodeJS.Timeout | null = null;
  health: StoreHealth;

  private constructor(
    readonly dir: string,
    private readonly data: Collections,
    private journal: JournalWriter,
    private readonly snapshot: SnapshotFile,
    seq: number,
    health: StoreHealth,
    private readonly options: StoreOptions,
  ) {
    this.seq = seq;
    this.health = health;
  }

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
    await keepPrivate(dir);
    const snapshotFile = new SnapshotFile(path.join(dir, SNAPSHOT));
    const { snapshot, damaged } = await snapshotFile.read();
    const problems: string[] = [];
    let movedAside: string | undefined;
    if (damaged) {
      problems.push(`The data file was damaged (${damaged.reason}). It was moved aside; changes saved since the last compaction were restored.`);
      movedAside = damaged.movedAside;
    }
    const data = snapshot.collections;
    let seq = snapshot.seq;
    for (const journal of await listJournals(dir)) {
      const parsed = parseJournal(await fs.readFile(journal.file, 'utf8'));
      const mark = await readCommittedMark(journal.file);
      // Only the last batch can be torn by a crash; a file shorter than what it had committed lost saved batches.
      const cut = mark !== null && parsed.committedBytes < mark;
      if (parsed.badLines.length || cut) {
        movedAside = `${journal.file}.damaged-${Date.now()}`;
        await fs.copyFile(journal.file, movedAside);
        problems.push(
          cut
            ? `The change log was cut short: ${mark - parsed.committedBytes} bytes of saved changes are missing. A copy was kept.`
            : `${parsed.badLines.length} damaged line(s) in the change log were skipped; a copy was kept.`,
        );
      }
      for (const op of parsed.ops) {
        if (op.s <= snapshot.seq) continue;
        applyOp(data, op, options.boundList);
        if (op.s > seq) seq = op.s;
      }
    }
    const bad = options.checkRecord ? await quarantine(dir, data, options.checkRecord) : null;
    if (bad) {
      problems.push(`${bad.count} unreadable record(s) were set aside and not loaded; a copy was kept.`);
      movedAside ??= bad.file;
    }
    const health: StoreHealth = problems.length
      ? { state: 'recovered', detail: problems.join(' '), movedAside, quarantined: bad?.count }
      : { state: 'ok' };
    const store = new Store(dir, data, await JournalWriter.open(path.join(dir, journalFileName(seq + 1))), snapshotFile, seq, health, options);
    store.durableSeq = seq;
    store.snapshotBytes = (await fs.stat(snapshotFile.file).catch(() => null))?.size ?? 0;
    store.snapshotSeq = snapshot.seq;
    // Replayed journals (and quarantined records) are folded in later, off the start-up path; until then they replay again.
    if (seq > snapshot.seq || bad) store.compactSoon();
    return store;
  }

  tx(): Tx {
    return new Tx();
  }

  get<T>(collection: string, key: string): T | undefined {
    return this.data.get(collection)?.get(key) as T | undefined;
  }

  /** Live view of a collection: do not mutate the values; change them through `commit`. */
  collection<T>(collection: string): ReadonlyMap<string, T> {
    let map = this.data.get(collection);
    if (!map) {
      map = new Map();
      this.data.set(collection, map);
    }
    return map as ReadonlyMap<string, T>;
  }

  /** Changes whenever the collection changes: a cheap key for derived caches. */
  version(collection: string): number {
    return this.versions.get(collection) ?? 0;
  }

  /**
   * Listens for committed changes (called in the commit's own tick): the collections touched, and
   * each record put or deleted, so derived indexes follow in O(change) instead of a rescan.
   */
  onChange(listener: (collections: Set<string>, records: readonly RecordChange[]) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  /**
   * Applies the changes in memory at once and resolves when they are durable on disk. When the
   * disk refuses, it rejects with StoreWriteError and keeps the changes queued for the next try.
   */
  async commit(tx: Tx): Promise<void> {
    if (this.closed) throw new StoreWriteError(new Error('the store is closed'));
    if (tx.ops.length === 0) return;
    const touched = new Set<string>();
    const records: RecordChange[] = [];
    for (const change of tx.ops) {
      // The Tx is spent once committed, so its ops become the journal's without a copy.
      const op = change as JournalOp;
      op.s = ++this.seq;
      storeAsWritten(op);
      const before = op.a === undefined ? this.data.get(op.c)?.get(op.k) : undefined;
      applyOp(this.data, op, this.options.boundList);
      if (op.a === undefined) records.push({ c: op.c, k: op.k, before, after: this.data.get(op.c)?.get(op.k) });
      this.queue.push(op);
      touched.add(op.c);
    }
    for (const c of touched) this.versions.set(c, (this.versions.get(c) ?? 0) + 1);
    this.changes.emit('change', touched, records);
    await this.flush();
  }

  /** Writes whatever is queued (retrying earlier failures); resolves when the queue is durable. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) await this.writeQueued();
  }

  /**
   * Resolves once every change committed so far is on disk (not waiting for changes that come
   * later, so a steady stream of commits cannot hold it up); rejects with StoreWriteError while the
   * disk refuses. What is sent elsewhere must be durable first, or a crash could undo what was sent.
   */
  async durable(): Promise<void> {
    const target = this.seq;
    while (this.durableSeq < target) await this.writeQueued();
  }

  /** One write of what is queued now, or the end of the write already under way (its failure included). */
  private async writeQueued(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      return;
    }
    if (this.queue.length === 0) return;
    const ops = this.queue;
    this.queue = [];
    const journal = this.journal;
    this.flushing = (async () => {
      try {
        this.options.beforeWrite?.();
        await journal.append(ops);
        this.durableSeq = ops[ops.length - 1].s;
        if (this.health.state === 'write-failed') this.health = { state: 'ok' };
      } catch (error) {
        this.queue = ops.concat(this.queue);
        this.health = { state: 'write-failed', detail: (error as Error).message };
        throw new StoreWriteError(error);
      }
    })().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
    if (journal.bytes > Math.max(this.options.compactBytes ?? 32 * 1024 * 1024, 2 * this.snapshotBytes)) void this.compact().catch(() => {});
  }

  /**
   * Folds the journal into the snapshot. Later commits go to a fresh journal at once; the old ones
   * are deleted only after the snapshot is on disk, so a crash at any point replays correctly.
   */
  /** Compacts shortly, once the caller's start-up work is done. */
  compactSoon(delayMs = 5_000): void {
    if (this.compactTimer || this.closed) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      if (!this.closed) void this.compact().catch(() => {});
    }, delayMs);
    this.compactTimer.unref();
  }

  compact(): Promise<void> {
    // One already running holds an older state: fold in what came since once it is done.
    if (this.compacting) return this.compacting.then(() => (this.seq > this.snapshotSeq ? this.compact() : undefined));
    this.compacting = (async () => {
      const next = await JournalWriter.open(path.join(this.dir, journalFileName(this.seq + 1)));
      // From here to `write` runs in one tick: the snapshot is the state at `seq`, and every later
      // commit lands in `next`.
      const seq = this.seq;
      const previous = this.journal;
      this.journal = next;
      const written = this.snapshot.write({ schemaVersion: SCHEMA_VERSION, seq, collections: this.data });
      this.snapshotSeq = seq;
      while (this.flushing) await this.flushing.catch(() => {});
      await previous.close();
      await written;
      for (const old of await listJournals(this.dir)) {
        if (old.file === next.file) continue;
        await fs.rm(old.file, { force: true });
        await fs.rm(committedMarkFile(old.file), { force: true });
      }
      await syncDir(this.dir);
      this.snapshotBytes = (await fs.stat(this.snapshot.file).catch(() => null))?.size ?? this.snapshotBytes;
    })().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  journalBytes(): number {
    return this.journal.bytes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    await this.flush().catch(() => {});
    await this.compacting?.catch(() => {});
    this.closed = true;
    await this.journal.close();
  }
}
