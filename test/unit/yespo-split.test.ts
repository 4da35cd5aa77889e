import { describe, expect, it } from 'vitest';
import { classifyRefusal, planRefusedBatch } from '../../electron/core/yespo/split.js';

describe('classifyRefusal', () => {
  it('counts a duplicate as success', () => {
    expect(classifyRefusal(409, 'Conflict')).toBe('duplicate');
    expect(classifyRefusal(400, 'Duplicated request')).toBe('duplicate');
  });

  it('recognises an app_uuid problem', () => {
    expect(classifyRefusal(400, 'Wrong app uuid')).toBe('app-uuid');
    expect(classifyRefusal(404, 'Not registered application')).toBe('app-uuid');
    expect(classifyRefusal(404, undefined)).toBe('app-uuid');
  });

  it('recognises a batch that is too large', () => {
    expect(classifyRefusal(413, 'Request Entity Too Large')).toBe('too-large');
    expect(classifyRefusal(400, 'Too many tokens: 200 (at most 100 per request)')).toBe('too-large');
  });

  it('takes any other 400 as a bad item somewhere in the batch', () => {
    expect(classifyRefusal(400, 'Invalid phone number: 12')).toBe('bad-item');
    expect(classifyRefusal(400, undefined)).toBe('bad-item');
    expect(classifyRefusal(415, 'Unsupported Media Type')).toBe('bad-item');
  });
});

describe('planRefusedBatch', () => {
  it('halves a batch, the larger half first', () => {
    expect(planRefusedBatch([1, 2, 3, 4, 5], 'bad-item')).toEqual({ action: 'split', parts: [[1, 2, 3], [4, 5]] });
    expect(planRefusedBatch([1, 2], 'bad-item')).toEqual({ action: 'split', parts: [[1], [2]] });
  });

  it('fails a single item: it has been isolated', () => {
    expect(planRefusedBatch(['x'], 'bad-item')).toEqual({ action: 'fail', item: 'x' });
    expect(planRefusedBatch(['x'], 'too-large')).toEqual({ action: 'fail', item: 'x' });
  });

  it('remembers the smaller size when the batch was too large', () => {
    expect(planRefusedBatch([1, 2, 3, 4], 'too-large')).toEqual({ action: 'split', parts: [[1, 2], [3, 4]], maxBatch: 2 });
  });

  it('isolates one bad item of 100 in a logarithmic number of requests', () => {
    const bad = 73;
    let requests = 0;
    const failed: number[] = [];
    const accepted: number[] = [];
    const send = (batch: number[]): void => {
      requests++;
      if (!batch.includes(bad)) {
        accepted.push(...batch);
        return;
      }
      const plan = planRefusedBatch(batch, 'bad-item');
      if (plan.action === 'fail') failed.push(plan.item);
      else plan.parts.forEach(send);
    };
    send(Array.from({ length: 100 }, (_, i) => i));
    expect(failed).toEqual([bad]);
    expect(accepted.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== bad));
    expect(requests).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 1);
  });

  it('refuses an empty batch', () => {
    expect(() => planRefusedBatch([], 'bad-item')).toThrow();
  });
});
