import type { Api } from 'grammy';
import type { Language } from '../contract/types.js';
import type { Logger } from '../log.js';

export interface BotCommand {
  command: string;
  description: string;
}

const DESCRIPTIONS: Record<Language, { start: string; stop: string }> = {
  en: { start: 'Subscribe to our news', stop: 'Unsubscribe' },
  uk: { start: 'Підписатися на новини', stop: 'Відписатися' },
};

/** The bot's menu in one language: Start to subscribe, Stop to leave. */
export function botCommands(lang: Language): BotCommand[] {
  const d = DESCRIPTIONS[lang];
  return [
    { command: 'start', description: d.start },
    { command: 'stop', description: d.stop },
  ];
}

/** After a refused menu, how long until the next try (the poller asks after every poll). */
const RETRY_MS = 10 * 60_000;

export interface BotMenuDeps {
  /** The Bot API for the current token, with a key that changes with the token or the API root. */
  api: () => { key: string; api: Api } | null;
  now: () => number;
  logger: Logger;
}

/**
 * Sets the bot's command menu once per token: the default list in English and a Ukrainian one for
 * Telegram users whose app is in Ukrainian.
 */
export class BotMenu {
  private doneKey = '';
  private busy = false;
  private failed: { key: string; at: number } | null = null;

  constructor(private readonly deps: BotMenuDeps) {}

  ensure(): void {
    const current = this.deps.api();
    if (!current || this.busy || current.key === this.doneKey) return;
    if (this.failed?.key === current.key && this.deps.now() - this.failed.at < RETRY_MS) return;
    this.busy = true;
    void this.publish(current)
      .catch((error: unknown) => {
        this.failed = { key: current.key, at: this.deps.now() };
        this.deps.logger.warn({ err: error }, 'could not set the bot’s menu');
      })
      .finally(() => {
        this.busy = false;
      });
  }

  private async publish({ key, api }: { key: string; api: Api }): Promise<void> {
    await api.setMyCommands(botCommands('en'));
    await api.setMyCommands(botCommands('uk'), { language_code: 'uk' });
    this.doneKey = key;
    this.failed = null;
  }
}
