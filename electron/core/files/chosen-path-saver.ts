import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ApiFailure } from '../contract/errors.js';
import type { SaveResult } from '../contract/saving.js';
import type { FileSaver, SaveJob } from './save-job.js';

/** What went wrong with a file, in words that say what to do. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full. Free some space or choose another place, then save again';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'that folder cannot be written to. Choose another folder, then save again';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'that folder does not exist any more. Choose another folder, then save again';
  return 'the file could not be written. Try again, or choose another place';
}

/**
 * The desktop's saver: the owner chooses where (`choose`, the host's save dialog), and the file is
 * written beside it under a temporary name and renamed into place only once it is complete, so a
 * full disk or a crash never leaves half a file under the chosen name.
 */
export class ChosenPathSaver implements FileSaver {
  constructor(private readonly choose: (fileName: string) => Promise<string | null>) {}

  async save(job: SaveJob): Promise<SaveResult> {
    const target = await this.choose(job.fileName);
    if (!target) return { kind: 'cancelled' };
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
    try {
      // Subscriber data: readable by the owner only, like the data folder; flushed to disk before the rename.
      const sink = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
      await job.write(sink, () => {});
      if (!sink.writableEnded) sink.end();
      await finished(sink);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw new ApiFailure('save_failed', `Could not save ${path.basename(target)} in ${path.dirname(target)}: ${fileProblem(error)}.`, { path: target });
    }
    return { kind: 'saved', path: target };
  }
}
