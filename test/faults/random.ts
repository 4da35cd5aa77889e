/** A seeded generator (mulberry32): the whole campaign follows from one printed number. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)];
    },
  };
}

/** FAULTS_SEED when set (it must be a whole number), otherwise a fresh one. */
export function campaignSeed(env: NodeJS.ProcessEnv): number {
  const given = env.FAULTS_SEED?.trim();
  if (!given) return Math.floor(Math.random() * 2 ** 31);
  if (!/^\d{1,10}$/.test(given) || Number(given) > 2 ** 32 - 1) {
    throw new Error(`FAULTS_SEED must be a whole number from 0 to ${2 ** 32 - 1}, not "${given}".`);
  }
  return Number(given);
}
