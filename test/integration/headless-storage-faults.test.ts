import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Status } from '../../electron/core/contract/types.js';
import { readOnlyView, smallTmpfs } from '../support/mounts.js';
import { tempDir } from '../support/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Shell {
  link: URL;
  stderr: () => string;
  exited: Promise<number | null>;
  stop: () => void;
  status: () => Promise<Status>;
}

async function startShell(dataDir: string): Promise<Shell> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/headless/main.ts', '--port', '0', '--data-dir', dataDir, '--telegram-api-root', 'http://127.0.0.1:9', '--yespo-api-root', 'http://127.0.0.1:9'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expect.poll(() => (child.exitCode !== null ? `exited: ${stderr}` : stdout), { timeout: 20_000, interval: 100 }).toMatch(/^UI: .*\n/);
  const link = new URL(stdout.slice('UI: '.length).trim());
  return {
    link,
    stderr: () => stderr,
    exited,
    stop: () => child.kill('SIGTERM'),
    async status() {
      const response = await fetch(new URL('/api/getStatus', link), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${link.searchParams.get('token')}` },
        body: 'null',
      });
      const envelope = (await response.json()) as { ok: boolean; value: Status };
      return envelope.value;
    },
  };
}

describe('the headless shell on a data folder it cannot write', () => {
  const source = tempDir('tcy-ro-source-');
  cleanups.push(source.remove);
  const view = readOnlyView(source.dir);
  it.skipIf(!view)('starts, prints its UI line and explains the problem, instead of dying with EACCES', async () => {
    cleanups.push(view!.remove);
    const shell = await startShell(view!.dir);
    const status = await shell.status();
    expect(status.store.state).toBe('write-failed');
    expect(status.logs.state).toBe('stderr-only');
    expect(status.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['store-write-failed', 'log-file-failed']));
    shell.stop();
    expect(await shell.exited).toBe(0);
  });
});

describe('the headless shell on a full disk', () => {
  const disk = smallTmpfs(512);
  it.skipIf(!disk)('keeps answering and stops within 5 s of SIGTERM when its log file cannot be written', async () => {
    cleanups.push(disk!.remove);
    const dataDir = path.join(disk!.dir, 'data');
    await fs.mkdir(dataDir);
    const stats = await fs.statfs(disk!.dir);
    await fs.writeFile(path.join(disk!.dir, 'ballast'), Buffer.alloc(Number(stats.bavail * stats.bsize)));
    const shell = await startShell(dataDir);
    const status = await shell.status();
    expect(status.logs.state).toBe('stderr-only');
    expect(status.logs.detail).toMatch(/ENOSPC/);
    // Logging goes on, to stderr.
    expect(shell.stderr()).toContain('Headless shell ready');
    const stoppedAt = Date.now();
    shell.stop();
    expect(await shell.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
  });
});
