import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOG_RETRY_MS, LogFile } from '../../electron/core/log-file.js';
import { bindReadOnly, smallTmpfs, unmount } from '../support/mounts.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function folder(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

const line = (n: number): string => `${JSON.stringify({ n, msg: 'x'.repeat(80) })}\n`;
const numbers = (text: string): number[] => text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { n: number }).n);

function sink(): { lines: string[]; write: (l: string) => void } {
  const lines: string[] = [];
  return { lines, write: (l) => lines.push(l) };
}

it('rotates past the size limit into <name>.1 … <name>.<count>, drops the oldest, keeps every kept line once and in order', () => {
  const logs = path.join(folder(), 'logs');
  const file = path.join(logs, 'engine.log');
  const fallback = sink();
  const log = new LogFile(file, fallback, sink(), Date.now, { maxBytes: 1_000, count: 3 });
  for (let n = 0; n < 100; n++) log.write(line(n));
  log.close();

  expect(readdirSync(logs).sort()).toEqual(['engine.log', 'engine.log.1', 'engine.log.2', 'engine.log.3']);
  const kept = ['engine.log.3', 'engine.log.2', 'engine.log.1', 'engine.log'].flatMap((name) => {
    expect(statSync(path.join(logs, name)).size).toBeLessThanOrEqual(1_000);
    return numbers(readFileSync(path.join(logs, name), 'utf8'));
  });
  const first = kept[0];
  expect(kept).toEqual(Array.from({ length: 100 - first }, (_, i) => first + i));
  expect(first).toBeGreaterThan(0);
  expect(fallback.lines).toEqual([]);
  expect(log.problem).toBeNull();
});

it.skipIf(process.platform === 'win32')('keeps every rotated file to its owner', () => {
  const logs = path.join(folder(), 'logs');
  const log = new LogFile(path.join(logs, 'engine.log'), null, sink(), Date.now, { maxBytes: 500, count: 2 });
  for (let n = 0; n < 30; n++) log.write(line(n));
  log.close();
  for (const name of readdirSync(logs)) expect(statSync(path.join(logs, name)).mode & 0o777, name).toBe(0o600);
});

it('continues a file it finds already past the limit by rotating it first', () => {
  const logs = path.join(folder(), 'logs');
  const file = path.join(logs, 'engine.log');
  const first = new LogFile(file, null, sink(), Date.now, { maxBytes: 10_000, count: 2 });
  for (let n = 0; n < 20; n++) first.write(line(n));
  first.close();
  const second = new LogFile(file, null, sink(), Date.now, { maxBytes: 1_000, count: 2 });
  second.write(line(20));
  second.close();
  expect(numbers(readFileSync(file, 'utf8'))).toEqual([20]);
  expect(numbers(readFileSync(`${file}.1`, 'utf8'))).toHaveLength(20);
});

describe('on a small disk', () => {
  const disk = smallTmpfs(64);
  afterAll(() => disk?.remove());
  it.skipIf(!disk)('writes far more than the disk holds without ever failing: rotation keeps it within count + 1 files', () => {
    const logs = path.join(disk!.dir, 'logs');
    const fallback = sink();
    const log = new LogFile(path.join(logs, 'engine.log'), fallback, sink(), Date.now, { maxBytes: 8 * 1024, count: 3 });
    for (let n = 0; n < 5_000; n++) log.write(line(n));
    expect(log.problem).toBeNull();
    expect(fallback.lines).toEqual([]);
    log.close();
    expect(readdirSync(logs)).toHaveLength(4);
    expect(numbers(readFileSync(path.join(logs, 'engine.log'), 'utf8')).at(-1)).toBe(4_999);
  });
});

describe('in a folder that turned read-only', () => {
  it('keeps writing the open file when it cannot rotate, says so, and rotates once the folder is writable again', (ctx) => {
    const logs = path.join(folder(), 'logs');
    const file = path.join(logs, 'engine.log');
    let clock = 1_000_000;
    const fallback = sink();
    const warnings = sink();
    const log = new LogFile(file, fallback, warnings, () => clock, { maxBytes: 1_000, count: 2 });
    log.write(line(0));
    if (!bindReadOnly(logs, logs)) {
      log.close();
      ctx.skip('skipped: no read-only mount');
    }
    let mounted = true;
    cleanups.push(() => {
      if (mounted) unmount(logs);
    });
    for (let n = 1; n < 30; n++) log.write(line(n));
    expect(log.problem).toBeNull();
    expect(fallback.lines).toEqual([]);
    expect(warnings.lines.filter((l) => l.includes("can't be rotated"))).toHaveLength(1);
    expect(readdirSync(logs)).toEqual(['engine.log']);

    unmount(logs);
    mounted = false;
    clock += LOG_RETRY_MS;
    log.write(line(30));
    log.close();
    expect(numbers(readFileSync(file, 'utf8'))).toEqual([30]);
    expect(numbers(readFileSync(`${file}.1`, 'utf8'))).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
