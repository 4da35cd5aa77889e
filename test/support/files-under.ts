import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, in its subfolders too: what a scan for leaked secrets reads. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
