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

/**
 * A fresh folder with the mounts `steps` make on it, in order; null (and nothing left behind)
 * where this machine does not allow one of them (not root).
 */
function mounted(prefix: string, steps: Array<(dir: string) => string[]>): Mounted | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = (mounts: number): void => {
    for (let i = 0; i < mounts; i++) unmount(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < steps.length; i++) {
    if (!mount(steps[i](dir))) {
      remove(i === 0 ? 0 : 1);
      return null;
    }
  }
  return { dir, remove: () => remove(1) };
}

/** A small tmpfs, to fill the disk for real. */
export function smallTmpfs(kilobytes: number): Mounted | null {
  return mounted('tcy-tmpfs-', [(dir) => ['-t', 'tmpfs', '-o', `size=${kilobytes}k,mode=0700`, 'tmpfs', dir]]);
}

/** A read-only view of `source`: as root, a folder's mode bits do not stop writes, a read-only mount does. */
export function readOnlyView(source: string): Mounted | null {
  return mounted('tcy-ro-', [(dir) => ['--bind', source, dir], (dir) => ['-o', 'remount,bind,ro', dir]]);
}
