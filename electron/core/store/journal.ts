import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * One change: put a value (`v`), delete it (`v` null), merge fields into a record (`m`, so a status
 * change does not rewrite the whole record), or append to a list (`a`).
 */
export interface JournalOp {
  /** Sequence number, increasing across journal files; the snapshot remembers the last one it holds. */
  s: number;
  c: string;
  k: string;
  v?: unknown;
  m?: Record<string, unknown>;
  a?: unknown;
}

const NAME = /^journal-(\d+)-(\d+)\.jsonl$/;
let created = 0;

/** Unique per rotation; sorts in write order by the first sequence number, then creation. */
export function journalFileName(startSeq: number): string {
  const stamp = `${String(Date.now()).padStart(15, '0')}${String(created++ % 1e6).padStart(6, '0')}`;
  return `journal-${String(startSeq).padStart(15, '0')}-${stamp}.jsonl`;
}

export async function listJournals(dir: string): Promise<Array<{ file: string; startSeq: number }>> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map((x) => ({ file: path.join(dir, x.name), startSeq: Number(x.m[1]) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export interface ParsedJournal {
  ops: JournalOp[];
  /** Bytes up to and including the last commit mark: what the file held when it last committed. */
  committedBytes: number;
  /**
   * Changes after the last commit mark: a batch cut short by a crash mid-write. It was never
   * acknowledged (nor confirmed to Telegram), so it is dropped whole and arrives again.
   */
  tornTail: boolean;
  /** Lines in the middle that do not parse: real damage, reported. */
  badLines: number[];
}

/** Closes every append, so a batch replays whole or not at all. */
export const COMMIT = '$commit';

export function parseJournal(text: string): ParsedJournal {
  const lines = text.split('\n');
  const committed: JournalOp[] = [];
  let open: JournalOp[] = [];
  const badLines: number[] = [];
  const last = lines.length - 1;
  let bytes = 0;
  let committedBytes = 0;
  for (let i = 0; i <= last; i++) {
    const line = lines[i];
    bytes += Buffer.byteLength(line, 'utf8') + (i < last ? 1 : 0);
    if (line === '') continue;
    let op: JournalOp | null = null;
    try {
      const parsed = JSON.parse(line) as JournalOp;
      if (parsed && typeof parsed.s === 'number' && typeof parsed.c === 'string' && typeof parsed.k === 'string') op = parsed;
    } catch {
      op = null;
    }
    if (!op) {
      if (i !== last) badLines.push(i + 1);
      continue;
    }
    if (op.c === COMMIT) {
      for (const o of open) committed.push(o);
      open = [];
      committedBytes = bytes;
    } else {
      open.push(op);
    }
  }
  const tornTail = open.length > 0 || (lines[last] !== '' && last >= 0 && text.length > 0);
  return { ops: committed, committedBytes, tornTail, badLines };
}

/** Beside each journal: how many of its bytes were committed, to tell a torn last batch from a cut file. */
export function committedMarkFile(journal: string): string {
  return `${journal}.committed`;
}

/** The committed length a journal's mark recorded, or null where there is none (older versions, a crash before the first commit). */
export async function readCommittedMark(journal: string): Promise<number | null> {
  const text = await fs.readFile(committedMarkFile(journal), 'utf8').catch(() => null);
  const value = text === null ? NaN : Number(text.trim());
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** Fixed width, so each update overwrites the last in place. */
const MARK_WIDTH = 20;

/**
 * The append-only change log. One `append` = one write + one fsync, whatever its size, so a batch
 * of updates costs the same whether 10 or 100,000 subscribers are stored.
 *
 * A batch counts only when every byte reached the file and was fsynced. A full disk takes part of a
 * write (a short write) or none: the file is then cut back to the last commit mark, so what is on
 * disk is always whole batches, and the caller is told the batch is not saved.
 */
export class JournalWriter {
  private handle: fs.FileHandle | null = null;
  private mark: fs.FileHandle | null = null;
  /** Set after a failed write whose rollback failed too: cut the partial batch off before the retry. */
  private dirty = false;
  bytes = 0;

  private constructor(readonly file: string) {}

  static async open(file: string): Promise<JournalWriter> {
    const writer = new JournalWriter(file);
    writer.handle = await fs.open(file, 'wx', 0o600);
    writer.bytes = (await writer.handle.stat()).size;
    return writer;
  }

  async append(ops: JournalOp[]): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new Error('journal is closed');
    let text = '';
    for (const op of ops) text += `${JSON.stringify(op)}\n`;
    text += `${JSON.stringify({ s: ops.length ? ops[ops.length - 1].s : 0, c: COMMIT, k: '' })}\n`;
    const buffer = Buffer.from(text, 'utf8');
    try {
      if (this.dirty) await this.rollBack(handle);
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, this.bytes + written);
        if (bytesWritten <= 0) throw Object.assign(new Error('no space left on the disk (a write took no bytes)'), { code: 'ENOSPC' });
        written += bytesWritten;
      }
      await handle.sync();
    } catch (error) {
      this.dirty = true;
      await this.rollBack(handle).catch(() => {});
      throw error;
    }
    this.bytes += buffer.length;
    await this.recordCommitted();
  }

  /** Cuts the file back to its last commit mark. */
  private async rollBack(handle: fs.FileHandle): Promise<void> {
    await handle.truncate(this.bytes);
    await handle.sync();
    this.dirty = false;
  }

  /**
   * Not fsynced: the journal itself is, and the mark is written after it, so on disk the mark never
   * runs ahead of the journal. A journal found shorter than its mark lost committed batches.
   */
  private async recordCommitted(): Promise<void> {
    try {
      this.mark ??= await fs.open(committedMarkFile(this.file), 'w', 0o600);
      await this.mark.write(String(this.bytes).padStart(MARK_WIDTH, '0'), 0);
    } catch {
      // Only the check for a cut file is weakened; the batch itself is safe on disk.
      await this.mark?.close().catch(() => {});
      this.mark = null;
    }
  }

  async close(): Promise<void> {
    const h = this.handle;
    const m = this.mark;
    this.handle = null;
    this.mark = null;
    await h?.close();
    await m?.close();
  }
}
