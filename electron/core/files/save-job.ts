import type { Writable } from 'node:stream';
import type { SaveResult } from '../contract/saving.js';

/** One file to hand to the owner: written once, as a stream, into whatever sink the shell gives. */
export interface SaveJob {
  /** The suggested name, e.g. `subscribers-2026-12-03.csv`. */
  fileName: string;
  mime: string;
  /** The units `progress` counts towards (rows, files); 0 when unknown. */
  total: number;
  write(sink: Writable, progress: (done: number) => void): Promise<void>;
}

/** Saves a job where this shell saves files: a chosen path (desktop) or a download (headless). */
export interface FileSaver {
  save(job: SaveJob): Promise<SaveResult>;
}
