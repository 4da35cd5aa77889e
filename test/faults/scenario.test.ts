import { describe, expect, it } from 'vitest';
import { campaignSeed, seededRandom } from './random.js';
import { digits, expectedUsers, foreignPhone, generateScenario, ownPhone, type Scenario } from './scenario.js';

const SHAPE = { users: 40, starts: 200, contacts: 40, blocks: 30, unblocks: 10, waves: 5 };

describe('the campaign scenario', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateScenario(seededRandom(7), SHAPE);
    expect(generateScenario(seededRandom(7), SHAPE)).toEqual(a);
    expect(generateScenario(seededRandom(8), SHAPE)).not.toEqual(a);
  });

  it('has exactly the asked number of presses, cut into waves, and nobody acts before pressing Start', () => {
    const scenario = generateScenario(seededRandom(3), SHAPE);
    expect(scenario.waves).toHaveLength(5);
    expect(scenario.waves.flat().filter((e) => e.kind === 'start')).toHaveLength(200);
    for (const wave of scenario.waves) expect(wave.filter((e) => e.kind === 'start')).toHaveLength(40);
    expect(() => expectedUsers(scenario)).not.toThrow();
  });

  it('signed users always come through their own signed link', () => {
    const scenario = generateScenario(seededRandom(11), { ...SHAPE, users: 200, starts: 800 });
    const signedStarts = scenario.waves.flat().filter((e) => e.kind === 'start' && scenario.signedIds.has(e.user));
    expect(signedStarts.length).toBeGreaterThan(0);
    for (const e of signedStarts) expect(e).toMatchObject({ payload: { signed: scenario.signedIds.get(e.user) } });
  });

  it('own and foreign numbers never overlap', () => {
    expect(digits(ownPhone(5))).toBe('380501000005');
    expect(digits(foreignPhone(5))).toBe('44207000005');
    expect(digits(ownPhone(5)).startsWith('4420')).toBe(false);
  });
});

describe('what each user must end up as', () => {
  const scenario = (events: Scenario['waves'][number]): Scenario => ({ signedIds: new Map([[1, 'cust-1']]), waves: [events] });

  it('follows the last membership event, counts presses and comebacks, and takes only the own phone', () => {
    const users = expectedUsers(
      scenario([
        { kind: 'start', user: 0 },
        { kind: 'contact', user: 0, own: false, phone: foreignPhone(1) },
        { kind: 'block', user: 0 },
        { kind: 'start', user: 0, payload: { tag: 'ads' } },
        { kind: 'contact', user: 0, own: true, phone: ownPhone(0) },
        { kind: 'block', user: 0 },
        { kind: 'unblock', user: 0 },
        { kind: 'block', user: 0 },
        { kind: 'start', user: 1, payload: { signed: 'cust-1' } },
      ]),
    );
    expect(users.get(0)).toEqual({ starts: 2, state: 'blocked', phone: digits(ownPhone(0)), comebacks: 2 });
    expect(users.get(1)).toEqual({ starts: 1, state: 'active', signedId: 'cust-1', comebacks: 0 });
  });

  it('a contact card from a blocked user unblocks first, as Telegram does', () => {
    const users = expectedUsers(
      scenario([
        { kind: 'start', user: 0 },
        { kind: 'block', user: 0 },
        { kind: 'contact', user: 0, own: false, phone: foreignPhone(2) },
      ]),
    );
    expect(users.get(0)).toEqual({ starts: 1, state: 'active', comebacks: 1 });
  });

  it('refuses a scenario where someone acts before pressing Start', () => {
    expect(() => expectedUsers(scenario([{ kind: 'block', user: 3 }]))).toThrow(/before pressing Start/);
  });
});

describe('the seed', () => {
  it('comes from FAULTS_SEED when given, and a bad one is refused with what to type', () => {
    expect(campaignSeed({ FAULTS_SEED: ' 1234 ' })).toBe(1234);
    expect(Number.isInteger(campaignSeed({}))).toBe(true);
    expect(() => campaignSeed({ FAULTS_SEED: 'abc' })).toThrow('FAULTS_SEED must be a whole number from 0 to 4294967295, not "abc".');
  });

  it('drives a generator that stays in range', () => {
    const random = seededRandom(99);
    for (let i = 0; i < 1000; i++) {
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(() => random.pick([])).toThrow();
  });
});
