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

  it('brings every kind of fault at least once, whatever the seed', () => {
    for (const seed of [1, 2, 3, 42, 1234, 99999]) {
      const rounds = planRounds(seededRandom(seed), 20);
      const telegram = new Set(rounds.filter((r) => r.episode !== 'huge-retry-after').flatMap((r) => r.telegram.map((f) => `${f.methods[0]} ${typeof f.kind === 'object' ? 429 : f.kind}`)));
      for (const kind of ['getUpdates 429', 'getUpdates 500', 'getUpdates hang', 'getUpdates html502', 'sendMessage 429']) expect(telegram, `seed ${seed}`).toContain(kind);
      expect(telegram.has('sendMessage 500') || telegram.has('sendMessage html502'), `seed ${seed}: a 5xx on a reply`).toBe(true);
      const yespo = new Set(rounds.flatMap((r) => r.yespo.map((f) => (f.kind !== 'fail' ? f.kind : typeof f.fault === 'object' ? `${f.fault.status}${'retryAfter' in f.fault ? ' Retry-After' : ''}` : f.fault))));
      for (const kind of ['outage', 'refuse-connections', '429', '429 Retry-After', '502', 'hang', 'echo-authorization']) expect(yespo, `seed ${seed}`).toContain(kind);
    }
  });
});
