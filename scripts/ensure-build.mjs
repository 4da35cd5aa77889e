// Runs `vite build` when a built file is missing or older than the sources, so `npm start`,
// `npm run headless` and `npm test` always run what is in the work tree.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const OUTPUTS = ['dist/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-electron/headless.js'];
const SOURCES = ['renderer', 'electron', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why a build is needed, or null when every output is newer than every source. */
export function staleReason() {
  const missing = OUTPUTS.find((file) => !existsSync(path.join(ROOT, file)));
  if (missing) return `${missing} is missing`;
  const oldestOutput = Math.min(...OUTPUTS.map((file) => statSync(path.join(ROOT, file)).mtimeMs));
  const newestSource = Math.max(...SOURCES.map((entry) => newestMtime(path.join(ROOT, entry))));
  return newestSource > oldestOutput ? 'sources changed since the last build' : null;
}

/**
 * Builds if needed; false when the build failed. `quietStdout` sends the build's output to stderr,
 * for commands whose stdout must carry only their own lines (the headless shell's `UI:` line).
 */
export function ensureBuild({ quietStdout = false } = {}) {
  const reason = staleReason();
  if (!reason) return true;
  process.stderr.write(`Building the app (${reason})…\n`);
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: ['ignore', quietStdout ? 2 : 'inherit', 'inherit'] });
  if (result.status === 0) return true;
  process.stderr.write('The build failed; see the messages above.\n');
  return false;
}
