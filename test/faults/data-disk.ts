import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import path from 'node:path';

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** A small tmpfs at `dir` (root only); false where mounting is refused. */
export function mountTmpfs(dir: string, megabytes: number): boolean {
  return run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir]);
}

/**
 * Lazily: a process that still has a file open on the mount (an engine between two attempts to open
 * its store, a shell still stopping) would make a plain umount fail with EBUSY and leave the folder
 * read-only for every later round. Detached at once, new opens see the folder beneath.
 */
export function unmount(dir: string): boolean {
  return run('umount', ['-l', dir]);
}

/**
 * `dir` over itself, read-only. As root chmod does not stop writes, a read-only bind mount does;
 * unmount(dir) makes the same folder writable again. False where it cannot be mounted.
 */
export function bindReadOnly(dir: string): boolean {
  if (!run('mount', ['--bind', dir, dir])) return false;
  if (run('mount', ['-o', 'remount,bind,ro', dir])) return true;
  unmount(dir);
  return false;
}

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
