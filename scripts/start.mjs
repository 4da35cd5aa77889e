// `npm start`: builds if needed and opens the Electron app. Where Electron cannot start (no
// runtime, no display), it says so in one line and runs the headless shell instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, ROOT } from './ensure-build.mjs';

/** A start that ends this soon, unsuccessfully, means Electron could not start at all. */
const FAST_FAIL_MS = 3000;

/** Where the runtime keeps its executable inside its folder, as the electron package's install writes it to path.txt. */
const EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron';

/**
 * The Electron binary, found the way the electron package finds it but without its fallback,
 * which downloads the runtime (impossible offline, and slow to fail).
 */
function electronBinary() {
  const packageDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !existsSync(pathFile)) return null;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : EXECUTABLE;
  const binary = path.join(override || path.join(packageDir, 'dist'), relative);
  return existsSync(binary) ? binary : null;
}

/** Resolves 'running' once Electron has lived past the fast-fail window, or a reason it could not start. */
function startElectron(binary, args) {
  return new Promise((resolve) => {
    const child = spawn(binary, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit' });
    const timer = setTimeout(() => {
      child.removeAllListeners('exit');
      child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
      for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
      resolve('running');
    }, FAST_FAIL_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(error.message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) process.exit(0);
      resolve(`it exited at once with ${signal ?? `code ${code}`}`);
    });
  });
}

const args = process.argv.slice(2);
if (!ensureBuild({ quietStdout: true })) process.exit(1);
const binary = electronBinary();
const outcome = binary ? await startElectron(binary, args) : 'no Electron runtime';
if (outcome !== 'running') {
  process.stdout.write(`Electron cannot start on this machine (${outcome}); starting the headless shell instead.\n`);
  await import(pathToFileURL(path.join(ROOT, 'dist-electron', 'headless.js')).href);
}
