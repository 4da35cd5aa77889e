import type { Status } from '../contract/types.js';
import type { EngineEvents } from '../events.js';
import type { Logger } from '../log.js';
import { clampDelay } from '../retry-delay.js';
import { mustActStates, type MustAct } from './must-act.js';

/** States that change with time alone (hours offline, 15 minutes lasted) are looked at this often at least. */
const LOOK_EVERY_MS = 60_000;

export interface MustActWatchDeps {
  status: () => Status;
  events: EngineEvents;
  logger: Logger;
  now: () => number;
  /** Tests: a factor for the wait between looks. */
  timeScale?: number;
  /** Each hears the must-act states, and may say when it wants to look again. */
  followers: ReadonlyArray<(states: readonly MustAct[]) => Promise<number | undefined>>;
}

/** Follows the status for the states where the owner must act, for whoever tells her. */
export class MustActWatch {
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: MustActWatchDeps) {}

  start(): void {
    this.unsubscribe = this.deps.events.on('status', () => this.look());
    this.look();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look at a time; a change during a look is looked at right after it. */
  private look(): void {
    if (!this.unsubscribe) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.once()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not follow the states that need the owner'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.look();
        }
      });
  }

  private async once(): Promise<void> {
    const states = mustActStates(this.deps.status());
    const wanted = await Promise.all(this.deps.followers.map((follow) => follow(states)));
    if (!this.unsubscribe) return;
    const now = this.deps.now();
    const soonest = Math.min(now + LOOK_EVERY_MS, ...wanted.filter((at): at is number => at !== undefined));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.look(), clampDelay((soonest - now) * (this.deps.timeScale ?? 1)));
  }
}
