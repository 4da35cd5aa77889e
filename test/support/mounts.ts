import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function mount(args: string[]): boolean {
  return spawnSync('mount', args, { stdio: 'ignore' }).status === 0;
}

function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
}

export interface Mounted {
  dir: string;
  remove: () => void;
}

/** A small tmpfs, to fill the disk for real; null where this machine does not allow mounting (not root). */
export function smallTmpfs(kilobytes: number): Mounted | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tcy-tmpfs-'));
  if (!mount(['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0700`, 'tmpfs', dir])) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remove: () => {
      unmount(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A read-only view of `source` (a bind mount, remounted read-only): as root, a folder's mode bits
 * do not stop writes, a read-only mount does. Null where mounting is not allowed.
 */
export function readOnlyView(source: string): Mounted | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tcy-ro-'));
  if (!mount(['--bind', source, dir])) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  if (!mount(['-o', 'remount,bind,ro', dir])) {
    unmount(dir);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remove: () => {
      unmount(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
