import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LOG_RETRY_MS, LogFile } from '../../electron/core/log-file.js';
import { createLogger, logFileProblem } from '../../electron/core/log.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

it('a log file that cannot be opened hands its lines to the fallback and says why, without throwing', () => {
  const t = tempDir();
  cleanups.push(t.remove);
  // A file where the logs folder should be: the folder cannot be made.
  writeFileSync(path.join(t.dir, 'logs'), '');
  const fallback: string[] = [];
  const warnings: string[] = [];
  const file = new LogFile(path.join(t.dir, 'logs', 'engine.log'), { write: (l) => fallback.push(l) }, { write: (l) => warnings.push(l) });
  expect(file.problem).toMatch(/EEXIST|ENOTDIR/);
  expect(warnings.join('')).toContain("can't be written");
  file.write('line 1\n');
  expect(fallback).toEqual(['line 1\n']);
});

it('the logger reports its file problem and keeps logging', () => {
  const t = tempDir();
  cleanups.push(t.remove);
  writeFileSync(path.join(t.dir, 'logs'), '');
  const logger = createLogger({ dataDir: t.dir });
  expect(logFileProblem(logger)).toMatch(/EEXIST|ENOTDIR/);
  expect(() => logger.info('still here')).not.toThrow();
  const fine = createLogger({ dataDir: path.join(t.dir, 'other') });
  expect(logFileProblem(fine)).toBeNull();
});

it.skipIf(process.platform === 'win32')('keeps the log to its owner, also a log written before with wider modes', () => {
  const t = tempDir();
  cleanups.push(t.remove);
  const logs = path.join(t.dir, 'logs');
  mkdirSync(logs, { mode: 0o755 });
  writeFileSync(path.join(logs, 'engine.log'), 'old\n', { mode: 0o644 });
  const file = new LogFile(path.join(logs, 'engine.log'), null, { write: () => {} });
  file.write('new\n');
  file.close();
  expect(statSync(logs).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(logs, 'engine.log')).mode & 0o777).toBe(0o600);
});

it('tries a failed log file again after a while, and says so once it works', () => {
  const t = tempDir();
  cleanups.push(t.remove);
  writeFileSync(path.join(t.dir, 'logs'), '');
  let clock = 1_000_000;
  const fallback: string[] = [];
  const warnings: string[] = [];
  const file = new LogFile(path.join(t.dir, 'logs', 'engine.log'), { write: (l) => fallback.push(l) }, { write: (l) => warnings.push(l) }, () => clock);
  expect(file.problem).not.toBeNull();
  rmSync(path.join(t.dir, 'logs'));
  file.write('too soon\n');
  expect(fallback).toEqual(['too soon\n']);
  clock += LOG_RETRY_MS;
  file.write('back\n');
  expect(file.problem).toBeNull();
  expect(fallback).toEqual(['too soon\n']);
  expect(warnings.at(-1)).toContain('can be written again');
  file.close();
  expect(readFileSync(path.join(t.dir, 'logs', 'engine.log'), 'utf8')).toBe('back\n');
});
