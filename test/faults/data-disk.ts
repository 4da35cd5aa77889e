import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Fills the file system of `dir` with a ballast file until `leaveBytes` are free; returns the ballast's path. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const ballast = path.join(dir, 'ballast.bin');
  const { bavail, bsize } = statfsSync(dir);
  let left = bavail * bsize - leaveBytes;
  const chunk = Buffer.alloc(1024 * 1024);
  const fd = openSync(ballast, 'w');
  try {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      try {
        left -= writeSync(fd, chunk, 0, n);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return ballast;
}

export function freeBallast(ballast: string): void {
  rmSync(ballast, { force: true });
}
