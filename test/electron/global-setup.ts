import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { electronRuntime, NO_ELECTRON_RUNTIME, ROOT } from './runtime.js';

/** Runs once per test run: says plainly when the suite cannot run, else makes sure the build is current. */
export default async function globalSetup(): Promise<void> {
  if (!electronRuntime()) {
    console.log(`skipped: ${NO_ELECTRON_RUNTIME}`);
    return;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('Electron is installed but there is no display: run the Electron tests under xvfb-run.');
  }
  const { ensureBuild } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'ensure-build.mjs')).href)) as { ensureBuild: () => boolean };
  if (!ensureBuild()) throw new Error('The app did not build; see the messages above.');
}
