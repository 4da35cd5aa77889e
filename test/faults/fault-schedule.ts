import type { FaultKind as TelegramFault } from '../fakes/telegram/server.js';
import type { FaultKind as YespoFault } from '../fakes/yespo/server.js';
import type { Random } from './random.js';

/** The moment a round's SIGKILL comes: after a pause, or once the engine got that far since the round began. */
export type KillMoment =
  | { after: 'ms'; ms: number }
  | { after: 'confirmed-updates'; count: number }
  | { after: 'accepted-pushes'; count: number }
  | { after: 'sent-replies'; count: number };

export type TelegramFaultPlan = { n: number; kind: TelegramFault; methods: string[] };

export type YespoFaultPlan =
  | { kind: 'outage'; ms: number }
  | { kind: 'refuse-connections'; ms: number }
  | { kind: 'fail'; n: number; fault: YespoFault; paths?: RegExp };

export type Episode = 'full-disk' | 'read-only' | 'huge-retry-after';

export interface RoundPlan {
  index: number;
  kill: KillMoment;
  telegram: TelegramFaultPlan[];
  yespo: YespoFaultPlan[];
  episode?: Episode;
}

/** Telegram's answer that stopped polling for 25 hours before the clamp. */
export const HUGE_RETRY_AFTER = 90_000;

function killMoment(random: Random): KillMoment {
  switch (random.int(0, 3)) {
    case 0:
      return { after: 'ms', ms: random.int(50, 1_500) };
    case 1:
      return { after: 'confirmed-updates', count: random.int(1, 250) };
    case 2:
      return { after: 'accepted-pushes', count: random.int(1, 4) };
    default:
      return { after: 'sent-replies', count: random.int(1, 60) };
  }
}

const TELEGRAM_VARIANTS = 6;
const YESPO_VARIANTS = 8;

function telegramFault(random: Random, variant = random.int(0, TELEGRAM_VARIANTS - 1)): TelegramFaultPlan {
  const polls = ['getUpdates'];
  switch (variant) {
    case 0:
      return { n: random.int(1, 4), kind: '500', methods: polls };
    case 1:
      return { n: random.int(1, 4), kind: 'html502', methods: polls };
    case 2:
      return { n: random.int(1, 3), kind: { retryAfter: random.int(1, 5) }, methods: polls };
    case 3:
      return { n: 1, kind: 'hang', methods: polls };
    case 4:
      return { n: random.int(1, 3), kind: random.pick<TelegramFault>(['500', 'html502']), methods: ['sendMessage'] };
    default:
      // Replies honour retry_after in real seconds, so theirs stay short.
      return { n: random.int(1, 2), kind: { retryAfter: 1 }, methods: ['sendMessage'] };
  }
}

function yespoFault(random: Random, variant = random.int(0, YESPO_VARIANTS - 1)): YespoFaultPlan {
  const tokens = /\/tokens$/;
  switch (variant) {
    case 0:
      return { kind: 'outage', ms: random.int(200, 1_500) };
    case 1:
      return { kind: 'refuse-connections', ms: random.int(200, 1_500) };
    case 2:
      return { kind: 'fail', n: random.int(3, 12), fault: { status: 429 } };
    case 3:
      return { kind: 'fail', n: random.int(3, 12), fault: { status: 429, retryAfter: random.int(1, 30) } };
    case 4:
      return { kind: 'fail', n: random.int(1, 4), fault: { status: 502 } };
    case 5:
      return { kind: 'fail', n: random.int(1, 4), fault: random.pick<YespoFault>([{ status: 500 }, { status: 503 }, 'reset']) };
    case 6:
      return { kind: 'fail', n: 1, fault: 'hang', paths: tokens };
    default:
      return { kind: 'fail', n: random.int(1, 3), fault: 'echo-authorization' };
  }
}

/**
 * The rounds of the campaign, one SIGKILL each. The full-disk, read-only and huge-retry_after
 * episodes fall on different rounds in the middle, when there are subscribers to lose. Besides the
 * random faults, every kind of fault comes at least once, on a random round.
 */
export function planRounds(random: Random, kills: number): RoundPlan[] {
  const middle = Array.from({ length: Math.max(0, kills - 6) }, (_, i) => i + 3);
  const episodes = new Map<number, Episode>();
  for (const episode of ['full-disk', 'read-only', 'huge-retry-after'] as const) {
    const free = middle.filter((i) => !episodes.has(i));
    if (free.length) episodes.set(random.pick(free), episode);
  }
  const rounds: RoundPlan[] = Array.from({ length: kills }, (_, index) => {
    const telegram = Array.from({ length: random.int(0, 2) }, () => telegramFault(random));
    const yespo = Array.from({ length: random.int(0, 2) }, () => yespoFault(random));
    const episode = episodes.get(index);
    return { index, kill: killMoment(random), telegram, yespo, ...(episode ? { episode } : {}) };
  });
  // The huge retry_after round keeps Telegram to that one fault, so it is the one the engine meets.
  const telegramRounds = rounds.filter((r) => r.episode !== 'huge-retry-after');
  if (telegramRounds.length === 0) return rounds;
  for (let v = 0; v < TELEGRAM_VARIANTS; v++) random.pick(telegramRounds).telegram.push(telegramFault(random, v));
  for (let v = 0; v < YESPO_VARIANTS; v++) random.pick(rounds).yespo.push(yespoFault(random, v));
  return rounds;
}
