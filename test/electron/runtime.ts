import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The reason every Electron test carries when skipped, and the one line the suite prints. */
export const NO_ELECTRON_RUNTIME = 'no Electron runtime';

/**
 * The Electron executable, or null when it cannot start here. Found the way the `electron` package
 * finds it, but without `require('electron')`, which would try to download the binary.
 */
export function electronRuntime(): string | null {
  const packageDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return null;
  // A binary that is present can still lack its shared libraries; running it as Node shows that fast.
  const probe = spawnSync(executable, ['-e', 'process.exit(0)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 20_000,
  });
  return probe.status === 0 ? executable : null;
}
