import type { DesktopNotification, Host } from '../contract/host.js';
import type { Language } from '../contract/types.js';
import type { Logger } from '../log.js';
import { alertText } from './alert-texts.js';
import type { MustAct } from './must-act.js';
import { notificationsToShow, type NotifiedStates } from './notification-rules.js';

export interface DesktopNotificationsDeps {
  host: Host | null;
  logger: Logger;
  now: () => number;
  language: () => Language;
  /** What was notified before this start (nothing where the data cannot be read). */
  notified: NotifiedStates;
  /** Keeps what was notified, so a restart does not repeat it; absent where nothing can be saved. */
  save?: (notified: NotifiedStates) => Promise<void>;
}

/** Tells the desktop, once per state, when the owner must act; a click opens the screen that fixes it. */
export class DesktopNotifications {
  private notified: NotifiedStates;

  constructor(private readonly deps: DesktopNotificationsDeps) {
    this.notified = deps.notified;
  }

  async follow(current: readonly MustAct[]): Promise<undefined> {
    const { host, logger } = this.deps;
    if (!host?.capabilities.notifications) return undefined;
    const { show, next } = notificationsToShow(this.notified, current, this.deps.now());
    const changed = JSON.stringify(next) !== JSON.stringify(this.notified);
    this.notified = next;
    const words = alertText(this.deps.language());
    for (const state of show) {
      const text = words.states[state.code];
      const notification: DesktopNotification = { title: text.title, body: text.body, route: state.route };
      try {
        host.notify(notification);
      } catch (error) {
        logger.warn({ err: error, state: state.code }, 'could not show a desktop notification');
      }
    }
    if (changed && this.deps.save) await this.deps.save(next).catch((error: unknown) => logger.warn({ err: error }, 'could not remember the notifications shown'));
    return undefined;
  }
}
