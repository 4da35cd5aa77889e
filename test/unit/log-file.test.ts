import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LogFile } from '../../electron/core/log-file.js';
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
