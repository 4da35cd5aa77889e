import { describe, expect, it } from 'vitest';
import { planRounds } from './fault-schedule.js';
import { seededRandom } from './random.js';

describe('the fault schedule', () => {
  it('has one kill per round and each episode once, on different rounds away from the ends', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const rounds = planRounds(seededRandom(seed), 20);
      expect(rounds.map((r) => r.index)).toEqual([...Array(20).keys()]);
      const episodes = rounds.filter((r) => r.episode);
      expect(episodes.map((r) => r.episode).sort()).toEqual(['full-disk', 'huge-retry-after', 'read-only']);
      for (const r of episodes) expect(r.index >= 3 && r.index <= 16).toBe(true);
    }
  });

  it('is reproducible from the seed', () => {
    expect(JSON.stringify(planRounds(seededRandom(5), 20))).toBe(JSON.stringify(planRounds(seededRandom(5), 20)));
  });

  it('keeps reply faults to short waits, since replies wait in real seconds', () => {
    const faults = planRounds(seededRandom(77), 200).flatMap((r) => r.telegram);
    const onSends = faults.filter((f) => f.methods.includes('sendMessage'));
    expect(onSends.length).toBeGreaterThan(0);
    for (const f of onSends) if (typeof f.kind === 'object') expect(f.kind.retryAfter).toBeLessThanOrEqual(1);
  });

  it('includes a Yespo error that echoes the Authorization header, so the secret scan has something to find', () => {
    const faults = planRounds(seededRandom(3), 200).flatMap((r) => r.yespo);
    expect(faults.some((f) => f.kind === 'fail' && f.fault === 'echo-authorization')).toBe(true);
  });
});
