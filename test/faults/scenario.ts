import type { Random } from './random.js';

/**
 * What the campaign's users do, as plain data: users are numbered 0..n-1 here and get their
 * Telegram ids from the fake. Signed payloads are named by the customer id; the campaign signs them.
 */
export type ScenarioEvent =
  | { kind: 'start'; user: number; payload?: { tag: string } | { signed: string } }
  | { kind: 'contact'; user: number; own: boolean; phone: string }
  | { kind: 'block'; user: number }
  | { kind: 'unblock'; user: number };

export interface ScenarioShape {
  users: number;
  starts: number;
  contacts: number;
  blocks: number;
  unblocks: number;
  /** The events are cut into this many bursts, each with about the same number of /start presses. */
  waves: number;
}

export interface Scenario {
  /** Customer id per user for those who only ever come through a signed website link. */
  signedIds: ReadonlyMap<number, string>;
  waves: ScenarioEvent[][];
}

/** What the engine must hold for one user after everything was handled. */
export interface ExpectedUser {
  starts: number;
  state: 'active' | 'blocked';
  /** Digits only, as the engine stores it; only ever from the user's own contact card. */
  phone?: string;
  signedId?: string;
  /** Blocked → active turns (an unblock, or a /start or a message from a blocked user). */
  comebacks: number;
}

export const DEFAULT_SHAPE: ScenarioShape = { users: 1_200, starts: 5_000, contacts: 700, blocks: 450, unblocks: 200, waves: 22 };

const SOURCE_TAGS = ['ads', 'newsletter', 'qr_shop', 'instagram', 'friend'];

/** Own numbers and foreign ones come from disjoint ranges, so a foreign number seen anywhere is a leak. */
export function ownPhone(user: number): string {
  return `+38050${String(1_000_000 + user).padStart(7, '0')}`;
}

export function foreignPhone(n: number): string {
  return `+4420${String(7_000_000 + n).padStart(7, '0')}`;
}

export function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function generateScenario(random: Random, shape: ScenarioShape = DEFAULT_SHAPE): Scenario {
  const signedIds = new Map<number, string>();
  for (let u = 0; u < shape.users; u++) if (random.chance(0.12)) signedIds.set(u, `cust-${u}-${random.int(1000, 9999)}`);
  const left = { start: shape.starts, contact: shape.contacts, block: shape.blocks, unblock: shape.unblocks };
  const started: number[] = [];
  const startedSet = new Set<number>();
  const blocked = new Set<number>();
  const events: ScenarioEvent[] = [];
  let foreign = 0;
  while (left.start + left.contact + left.block + left.unblock > 0) {
    const total = left.start + left.contact + left.block + left.unblock;
    let roll = random.int(1, total);
    let kind: keyof typeof left = 'start';
    for (const k of ['start', 'contact', 'block', 'unblock'] as const) {
      if (roll <= left[k]) {
        kind = k;
        break;
      }
      roll -= left[k];
    }
    const activeStarted = started.filter((u) => !blocked.has(u));
    // Only someone who pressed Start is a subscriber; the others' events would not be about one.
    if ((kind === 'contact' && started.length === 0) || (kind === 'block' && activeStarted.length === 0) || (kind === 'unblock' && blocked.size === 0)) {
      if (left.start === 0) {
        left[kind] -= 1;
        continue;
      }
      kind = 'start';
    }
    left[kind] -= 1;
    if (kind === 'start') {
      const user = random.int(0, shape.users - 1);
      const signed = signedIds.get(user);
      const payload = signed !== undefined ? { signed } : random.chance(0.5) ? { tag: random.pick(SOURCE_TAGS) } : undefined;
      events.push({ kind, user, ...(payload ? { payload } : {}) });
      blocked.delete(user);
      if (!startedSet.has(user)) {
        startedSet.add(user);
        started.push(user);
      }
    } else if (kind === 'contact') {
      const user = random.pick(started);
      const own = random.chance(0.65);
      events.push({ kind, user, own, phone: own ? ownPhone(user) : foreignPhone(foreign++) });
      blocked.delete(user);
    } else if (kind === 'block') {
      const user = random.pick(activeStarted);
      events.push({ kind, user });
      blocked.add(user);
    } else {
      const user = random.pick([...blocked]);
      events.push({ kind, user });
      blocked.delete(user);
    }
  }
  return { signedIds, waves: cutIntoWaves(events, shape.waves) };
}

function cutIntoWaves(events: ScenarioEvent[], waves: number): ScenarioEvent[][] {
  const starts = events.filter((e) => e.kind === 'start').length;
  const perWave = Math.ceil(starts / waves);
  const out: ScenarioEvent[][] = [[]];
  let inWave = 0;
  for (const e of events) {
    if (e.kind === 'start' && inWave === perWave && out.length < waves) {
      out.push([]);
      inWave = 0;
    }
    out[out.length - 1].push(e);
    if (e.kind === 'start') inWave++;
  }
  return out;
}

/**
 * The final state each user must have, replaying the events as Telegram delivers them: a blocked
 * user who writes to the bot unblocks it first (Telegram's Restart button does the same).
 */
export function expectedUsers(scenario: Scenario): Map<number, ExpectedUser> {
  const users = new Map<number, ExpectedUser>();
  const comeBack = (u: ExpectedUser): void => {
    if (u.state === 'blocked') {
      u.state = 'active';
      u.comebacks++;
    }
  };
  for (const e of scenario.waves.flat()) {
    let u = users.get(e.user);
    if (!u) {
      if (e.kind !== 'start') throw new Error(`user ${e.user} acts before pressing Start`);
      u = { starts: 0, state: 'active', comebacks: 0 };
      const signedId = scenario.signedIds.get(e.user);
      if (signedId !== undefined) u.signedId = signedId;
      users.set(e.user, u);
    }
    if (e.kind === 'start') {
      comeBack(u);
      u.starts++;
    } else if (e.kind === 'contact') {
      comeBack(u);
      if (e.own) u.phone = digits(e.phone);
    } else if (e.kind === 'block') {
      u.state = 'blocked';
    } else {
      comeBack(u);
    }
  }
  return users;
}
