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
  for (let i = 0; i <= last; i++) {
    const line = lines[i];
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
    } else {
      open.push(op);
    }
  }
  const tornTail = open.length > 0 || (lines[last] !== '' && last >= 0 && text.length > 0);
  return { ops: committed, tornTail, badLines };
}

/**
 * The append-only change log. One `append` = one write + one fsync, whatever its size, so a batch
 * of updates costs the same whether 10 or 100,000 subscribers are stored.
 */
export class JournalWriter {
  private handle: fs.FileHandle | null = null;
  /** Set after a failed write, which may have left a partial batch: cut it off before the retry. */
  private dirty = false;
  bytes = 0;

  private constructor(readonly file: string) {}

  static async open(file: string): Promise<JournalWriter> {
    const writer = new JournalWriter(file);
    writer.handle = await fs.open(file, 'wx');
    writer.bytes = (await writer.handle.stat()).size;
    return writer;
  }

  async append(ops: JournalOp[]): Promise<void> {
    if (!this.handle) throw new Error('journal is closed');
    let text = '';
    for (const op of ops) text += `${JSON.stringify(op)}\n`;
    text += `${JSON.stringify({ s: ops.length ? ops[ops.length - 1].s : 0, c: COMMIT, k: '' })}\n`;
    const buffer = Buffer.from(text, 'utf8');
    try {
      if (this.dirty) await this.handle.truncate(this.bytes);
      await this.handle.write(buffer, 0, buffer.length, this.bytes);
      await this.handle.sync();
    } catch (error) {
      this.dirty = true;
      throw error;
    }
    this.dirty = false;
    this.bytes += buffer.length;
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close();
  }
}
