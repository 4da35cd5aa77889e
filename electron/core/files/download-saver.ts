import { randomBytes } from 'node:crypto';
import type { SaveResult } from '../contract/saving.js';
import type { FileSaver, SaveJob } from './save-job.js';

export const DOWNLOADS_PATH = '/downloads/';
/** Long enough for a slow browser to start the download, short enough that a leaked address is soon useless. */
const DEFAULT_TTL_MS = 5 * 60_000;

/**
 * The headless shell's saver: each file gets a one-time address (`/downloads/<random id>`) that the
 * shell serves to the first authorised GET, writing the file straight into the response. An
 * address is spent by that request, and forgotten unused after a few minutes.
 */
export class DownloadSaver implements FileSaver {
  private readonly waiting = new Map<string, { job: SaveJob; timer: NodeJS.Timeout }>();

  constructor(private readonly ttlMs = DEFAULT_TTL_MS) {}

  async save(job: SaveJob): Promise<SaveResult> {
    const id = randomBytes(24).toString('base64url');
    const timer = setTimeout(() => this.waiting.delete(id), this.ttlMs);
    timer.unref();
    this.waiting.set(id, { job, timer });
    return { kind: 'download', url: `${DOWNLOADS_PATH}${id}`, fileName: job.fileName, total: job.total };
  }

  /** The job behind an address, once; null when it is unknown, spent or expired. */
  take(id: string): SaveJob | null {
    const waiting = this.waiting.get(id);
    if (!waiting) return null;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    return waiting.job;
  }
}
