import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('npm start where Electron cannot start', () => {
  it('says so in one line, then runs the headless shell with its UI line', { timeout: 180_000 }, async () => {
    const data = tempDir('tcy-start-');
    const noRuntime = tempDir('tcy-no-electron-');
    const child = spawn(
      process.execPath,
      ['scripts/start.mjs', '--port', '0', '--data-dir', data.dir, '--telegram-api-root', 'http://127.0.0.1:9', '--yespo-api-root', 'http://127.0.0.1:9'],
      // An empty runtime folder: the same "no Electron" path on every machine, even one where Electron runs.
      { cwd: repoRoot, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noRuntime.dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 170_000, interval: 200 }).toMatch(/^UI: /m);
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe('Electron cannot start on this machine (no Electron runtime); starting the headless shell instead.');
      const link = new URL(lines[1].slice('UI: '.length));
      const page = await fetch(link, { redirect: 'manual' });
      expect(page.status).toBe(302);
      expect(page.headers.get('set-cookie')).toMatch(new RegExp(`^tcy_session_${link.port}=`));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      data.remove();
      noRuntime.remove();
    }
  });
});
