import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** A small tmpfs at `dir`, to fill the disk for real (root only); false where mounting is refused. */
export function mountTmpfs(dir: string, kilobytes: number): boolean {
  return run('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0700`, 'tmpfs', dir]);
}

/**
 * Lazily: a process that still has a file open on the mount (an engine between two attempts to open
 * its store, a shell still stopping) would make a plain umount fail with EBUSY and leave the folder
 * mounted. Detached at once, new opens see the folder beneath.
 */
export function unmount(dir: string): boolean {
  return run('umount', ['-l', dir]);
}

/**
 * `source` seen read-only at `dir` (the same folder for a folder over itself): as root a folder's
 * mode bits do not stop writes, a read-only mount does; unmount(dir) takes it away. False where it
 * cannot be mounted.
 */
export function bindReadOnly(source: string, dir: string): boolean {
  if (!run('mount', ['--bind', source, dir])) return false;
  if (run('mount', ['-o', 'remount,bind,ro', dir])) return true;
  unmount(dir);
  return false;
}

export interface Mounted {
  dir: string;
  remove: () => void;
}

/** A fresh folder with `mount` made on it; null (and nothing left behind) where the machine refuses. */
function mounted(prefix: string, mount: (dir: string) => boolean): Mounted | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!mount(dir)) {
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

export function smallTmpfs(kilobytes: number): Mounted | null {
  return mounted('tcy-tmpfs-', (dir) => mountTmpfs(dir, kilobytes));
}

export function readOnlyView(source: string): Mounted | null {
  return mounted('tcy-ro-', (dir) => bindReadOnly(source, dir));
}
