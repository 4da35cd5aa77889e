import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { SaveResult } from '../../electron/core/contract/saving.js';
import type { FileSaver, SaveJob } from '../../electron/core/files/save-job.js';

export interface TestFileSaver extends FileSaver {
  /** Every job handed over, in order. */
  readonly jobs: SaveJob[];
  /** The file the last job was written to. */
  lastPath(): string;
}

/** A FileSaver that writes each job into a file of its own in `dir`, as the desktop's would after the save dialog. */
export function testFileSaver(dir: string): TestFileSaver {
  const jobs: SaveJob[] = [];
  const paths: string[] = [];
  return {
    jobs,
    lastPath() {
      const last = paths.at(-1);
      if (!last) throw new Error('nothing was saved');
      return last;
    },
    async save(job: SaveJob): Promise<SaveResult> {
      jobs.push(job);
      const file = path.join(dir, `${jobs.length}-${job.fileName}`);
      const sink = createWriteStream(file, { mode: 0o600 });
      const closed = new Promise<void>((resolve, reject) => {
        sink.on('close', resolve);
        sink.on('error', reject);
      });
      await job.write(sink, () => {});
      await closed;
      paths.push(file);
      return { kind: 'saved', path: file };
    },
  };
}
