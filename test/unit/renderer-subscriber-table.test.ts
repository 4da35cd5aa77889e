import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextRowIndex } from '../../renderer/src/subscribers/grid-keys.js';
import { joinedRange } from '../../renderer/src/subscribers/joined-range.js';
import { sourceChoices, sourceFilterOf } from '../../renderer/src/subscribers/source-choice.js';

describe('keyboard focus in the Subscribers table', () => {
  it.each([
    ['ArrowDown', 5, 6],
    ['ArrowUp', 5, 4],
    ['PageDown', 5, 25],
    ['PageUp', 25, 5],
    ['PageUp', 7, 0],
    ['PageDown', 990, 999],
    ['Home', 500, 0],
    ['End', 3, 999],
    ['ArrowDown', 999, 999],
    ['ArrowUp', 0, 0],
  ])('%s on row %i of 1,000 with 20 on screen goes to row %i', (key, from, to) => {
    expect(nextRowIndex(key, from, 1_000, 20)).toBe(to);
  });

  it('ignores other keys and an empty table, and comes back into range after the rows shrank', () => {
    expect(nextRowIndex('Enter', 3, 10, 5)).toBeNull();
    expect(nextRowIndex('a', 3, 10, 5)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0, 5)).toBeNull();
    expect(nextRowIndex('ArrowUp', 500, 10, 5)).toBe(8);
    expect(nextRowIndex('PageDown', 0, 10, 0.4)).toBe(1);
  });
});

describe('the joined date range in local days', () => {
  const tz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Kyiv';
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('runs from the first day’s midnight to the midnight after the last day', () => {
    const picked: [number, number] = [new Date(2025, 4, 10).getTime(), new Date(2025, 4, 12, 15, 30).getTime()];
    expect(joinedRange(picked)).toEqual({ joinedFrom: Date.UTC(2025, 4, 9, 21), joinedTo: Date.UTC(2025, 4, 12, 21) });
  });

  it('counts a day with the clock change as 23 hours, takes the days in either order, and nothing for no range', () => {
    const day = new Date(2025, 2, 30).getTime();
    const range = joinedRange([day, day]);
    expect(range.joinedTo! - range.joinedFrom!).toBe(23 * 3_600_000);
    expect(joinedRange([new Date(2025, 4, 12).getTime(), new Date(2025, 4, 10).getTime()])).toEqual(joinedRange([new Date(2025, 4, 10).getTime(), new Date(2025, 4, 12).getTime()]));
    expect(joinedRange(null)).toEqual({});
  });
});

describe('the source filter’s choices', () => {
  const label = { all: 'All', none: (n: number) => `None (${n})`, signed: (n: number) => `Signed (${n})`, tag: (t: string, n: number) => `${t} (${n})` };

  it('become the query’s source filter, a tag with a colon in it whole', () => {
    expect(sourceFilterOf('all')).toBeUndefined();
    expect(sourceFilterOf('none')).toEqual({ kind: 'none' });
    expect(sourceFilterOf('signed')).toEqual({ kind: 'signed' });
    expect(sourceFilterOf('tag:spring:sale')).toEqual({ kind: 'tag', tag: 'spring:sale' });
  });

  it('list everyone, no source, signed links and every tag with its count', () => {
    expect(sourceChoices({ tags: [{ tag: 'instagram', count: 5 }], signed: 2, none: 9 }, label)).toEqual([
      { value: 'all', label: 'All' },
      { value: 'none', label: 'None (9)' },
      { value: 'signed', label: 'Signed (2)' },
      { value: 'tag:instagram', label: 'instagram (5)' },
    ]);
    expect(sourceChoices(null, label)).toEqual([{ value: 'all', label: 'All' }]);
  });
});
