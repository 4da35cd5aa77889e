/**
 * The soak's fakes, in a process of their own so their memory is not the engine's: Telegram hands
 * out a mix of updates from a fixed pool of people, fed as the engine confirms them; Yespo takes
 * the pushes and events. Driven over IPC: `info`, `feed` (how many more updates), `progress`.
 */
import { startFakeTelegram, type FakeUser } from '../fakes/telegram/server.js';
import { startFakeYespo } from '../fakes/yespo/server.js';
import type { HostInfo } from './host-protocol.js';

export type SoakCommand = { op: 'info' } | { op: 'feed'; count: number; people: number } | { op: 'progress' };
export interface SoakProgress {
  fed: number;
  pending: number;
  people: number;
}

/** Updates held by the fake at once: enough to keep every poll full, little enough to stay small. */
const AHEAD = 5_000;
const FIRST_CHAT = 4_000_000_000;

const tg = await startFakeTelegram();
const yespo = await startFakeYespo();
const people: FakeUser[] = [];
let fed = 0;
let target = 0;
let pool = 0;
/** A fixed sequence, so two runs feed the same mix. */
let seed = 12_345;
const random = (): number => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};

/**
 * Everyone in the pool presses Start once, in the first updates; then people come back at random:
 * /start again, a button in a newsletter, a message, a block or an unblock. Buttons are the rare
 * ones (0.5 %), as after a newsletter: each becomes one Yespo event request, saved as sent one by
 * one, and a stream of them faster than Yespo takes them is a backlog kept on disk, not a leak.
 */
function next(): void {
  if (people.length < pool) {
    const n = people.length;
    const user = tg.user(FIRST_CHAT + n, { first_name: `Soak${n}`, language_code: n % 3 ? 'uk' : 'en' });
    people.push(user);
    tg.start(user, n % 5 ? undefined : 'instagram');
    return;
  }
  const user = people[Math.floor(random() * people.length)];
  const roll = random();
  if (roll < 0.4) tg.start(user);
  else if (roll < 0.405) tg.pressButton(user, `promo_${Math.floor(roll * 1000)}`);
  else if (roll < 0.85) tg.text(user, 'What time do you open?');
  else if (roll < 0.93) tg.block(user);
  else tg.unblock(user);
}

function feed(): void {
  while (fed < target && tg.pendingCount() < AHEAD) {
    next();
    fed++;
  }
  if (fed < target) setTimeout(feed, 5);
}

process.on('message', (message: { id: number; command: SoakCommand }) => {
  const { id, command } = message;
  let result: unknown = null;
  switch (command.op) {
    case 'info':
      result = { tgUrl: tg.url, token: tg.token, botId: tg.botId, botUsername: tg.botUsername, yespoUrl: yespo.url, apiKey: yespo.apiKey, appUuid: yespo.appUuid } satisfies HostInfo;
      break;
    case 'feed':
      pool = command.people;
      target += command.count;
      feed();
      break;
    case 'progress':
      result = { fed, pending: tg.pendingCount(), people: people.length } satisfies SoakProgress;
      break;
  }
  process.send!({ id, result });
});

process.on('disconnect', () => void Promise.all([tg.close(), yespo.close()]).then(() => process.exit(0)));
process.send!({ id: 0, result: 'ready' });
