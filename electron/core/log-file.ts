import { chmodSync, closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOG_ROTATION, rotationPlan, shouldRotate, type LogRotation } from './log-rotation.js';
import { PRIVATE_DIR, PRIVATE_FILE } from './store/private-files.js';

interface Writer {
  write(line: string): unknown;
}

/**
 * The engine's log file, written line by line with plain synchronous writes: a line is on its way to
 * the disk before the next step runs, a crash loses none, and there is no buffer to flush at exit.
 * pino's own file stream retries a failed synchronous flush forever on a full disk (it only gives up
 * on EAGAIN-like errors), which froze the app at exit; here a write that fails ends the file: the
 * lines go on to `fallback` (stderr), and `problem` says why.
 *
 * Past `rotation.maxBytes` the file becomes `<name>.1` (older ones shift up to `<name>.<count>`, the
 * oldest is deleted). A rotation that fails (a read-only folder, a file held elsewhere) keeps the
 * open file and its lines, says so, and is tried again after LOG_RETRY_MS.
 */
/** How long a failed log file rests before a line tries it again (the disk may have room by then). */
export const LOG_RETRY_MS = 60_000;

export class LogFile {
  private fd: number | null = null;
  private failedAt = 0;
  private size = 0;
  private rotateFailedAt: number | null = null;
  problem: string | null = null;

  constructor(
    readonly file: string,
    /** Where lines go once the file fails (null where they already go to stderr). */
    private readonly fallback: Writer | null,
    /** Where the failure itself is told. */
    private readonly warn: Writer,
    private readonly now: () => number = Date.now,
    private readonly rotation: LogRotation = DEFAULT_LOG_ROTATION,
  ) {
    this.open();
  }

  private open(): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: PRIVATE_DIR });
      this.fd = openSync(this.file, 'a', PRIVATE_FILE);
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.problem !== null) this.warn.write(`${JSON.stringify({ level: 30, time: this.now(), msg: 'The log file can be written again' })}\n`);
    this.problem = null;
    if (process.platform !== 'win32') narrow(() => chmodSync(path.dirname(this.file), PRIVATE_DIR), () => fchmodSync(this.fd!, PRIVATE_FILE));
  }

  write(line: string): void {
    if (this.fd === null && this.now() - this.failedAt >= LOG_RETRY_MS) this.open();
    const bytes = Buffer.from(line, 'utf8');
    if (this.fd !== null && shouldRotate(this.size, bytes.length, this.rotation)) this.rotate();
    if (this.fd !== null) {
      try {
        let written = 0;
        while (written < bytes.length) {
          const n = writeSync(this.fd, bytes, written, bytes.length - written);
          if (n <= 0) throw Object.assign(new Error('no space left on the disk'), { code: 'ENOSPC' });
          written += n;
          this.size += n;
        }
        return;
      } catch (error) {
        this.fail(error);
      }
    }
    this.fallback?.write(line);
  }

  private rotate(): void {
    if (this.rotateFailedAt !== null && this.now() - this.rotateFailedAt < LOG_RETRY_MS) return;
    const plan = rotationPlan(this.file, this.rotation.count);
    try {
      rmSync(plan.remove, { force: true });
      // Renamed while still open (POSIX and Node's Windows share mode allow it): if a rename fails,
      // the open file takes the next lines as before.
      for (const { from, to } of plan.moves) {
        try {
          renameSync(from, to);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    } catch (error) {
      this.rotateFailedAt = this.now();
      this.warn.write(`${JSON.stringify({ level: 40, time: this.now(), msg: `The log file can't be rotated (${describe(error)}); it keeps growing until it can` })}\n`);
      return;
    }
    this.rotateFailedAt = null;
    this.close();
    this.open();
  }

  private fail(error: unknown): void {
    this.failedAt = this.now();
    this.problem = describe(error);
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing; the fallback carries on.
      }
      this.fd = null;
    }
    this.warn.write(`${JSON.stringify({ level: 40, time: this.now(), msg: `The log file can't be written (${this.problem}); logging to stderr only` })}\n`);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return `${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`;
}

/** Logs written by versions that left them readable to every account are narrowed to the owner; a failure changes nothing else. */
function narrow(...steps: Array<() => void>): void {
  for (const step of steps) {
    try {
      step();
    } catch {
      // Not ours to change (another owner, a read-only mount): the log itself still works.
    }
  }
}
