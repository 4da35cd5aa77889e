import { expect, it } from 'vitest';
import { rotationPlan, shouldRotate } from '../../electron/core/log-rotation.js';

const limit = { maxBytes: 100, count: 3 };

it.each([
  { size: 0, line: 10, rotate: false, why: 'an empty file' },
  { size: 90, line: 10, rotate: false, why: 'a line that just fits' },
  { size: 91, line: 10, rotate: true, why: 'a line that would pass the limit' },
  { size: 0, line: 500, rotate: false, why: 'a line longer than the limit into an empty file' },
  { size: 1, line: 500, rotate: true, why: 'a line longer than the limit after others' },
])('$why: rotate $rotate', ({ size, line, rotate }) => {
  expect(shouldRotate(size, line, limit)).toBe(rotate);
});

it('deletes the oldest, then shifts each file one up, oldest first, the live file last', () => {
  expect(rotationPlan('/d/engine.log', 3)).toEqual({
    remove: '/d/engine.log.3',
    moves: [
      { from: '/d/engine.log.2', to: '/d/engine.log.3' },
      { from: '/d/engine.log.1', to: '/d/engine.log.2' },
      { from: '/d/engine.log', to: '/d/engine.log.1' },
    ],
  });
});

it('with one kept file, only the live file moves', () => {
  expect(rotationPlan('a.log', 1)).toEqual({ remove: 'a.log.1', moves: [{ from: 'a.log', to: 'a.log.1' }] });
});
