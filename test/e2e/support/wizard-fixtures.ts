/**
 * Fixtures for the setup wizard's end-to-end tests: a fake Telegram and a fake Yespo per test, and
 * headless shells pointed at them that share one data folder, so a test can stop the shell and start
 * it again on the same data (a restart) and read that data after the shell has stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../../fakes/yespo/server.js';
import { expect, startHeadless, test as base, type HeadlessShell } from '../fixtures/headless.js';

export const BOT_NAME = 'Olena’s Flowers';
export const BOT_USERNAME = 'olenas_flowers_bot';
export const ORGANISATION = 'Olena Flowers LLC';

/** Telegram's waits (the 50 s long poll, the 3 s conflict pacing) last a fiftieth as long. */
const TELEGRAM_TIME_SCALE = 0.02;

export interface ShellStarter {
  /** The data folder every shell of this test uses. */
  readonly dataDir: string;
  /** Starts a shell on the test's data folder against the fakes; `env` adds (or breaks) its environment. */
  start(options?: { env?: Record<string, string> }): Promise<HeadlessShell>;
}

interface WizardFixtures {
  telegram: FakeTelegram;
  yespo: FakeYespo;
  shells: ShellStarter;
  /** The first shell, already running. */
  shell: HeadlessShell;
}

export const test = base.extend<WizardFixtures>({
  // English and light: the texts the tests read, and the look the screenshots show.
  locale: 'en-US',
  colorScheme: 'light',
  viewport: { width: 1280, height: 720 },

  telegram: async ({}, use) => {
    const telegram = await startFakeTelegram({ username: BOT_USERNAME, firstName: BOT_NAME, timeScale: TELEGRAM_TIME_SCALE });
    await use(telegram);
    await telegram.close();
  },

  yespo: async ({}, use) => {
    const yespo = await startFakeYespo({ organisationName: ORGANISATION });
    await use(yespo);
    await yespo.close();
  },

  shells: async ({ telegram, yespo }, use, testInfo) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tcy-wizard-'));
    const started: HeadlessShell[] = [];
    await use({
      dataDir,
      async start(options = {}) {
        const shell = await startHeadless({
          dataDir,
          env: options.env,
          args: ['--telegram-api-root', telegram.url, '--yespo-api-root', yespo.url],
        });
        started.push(shell);
        return shell;
      },
    });
    for (const [i, shell] of started.entries()) {
      const code = await shell.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach(`headless-shell-${i + 1}.log`, { body: shell.logs(), contentType: 'text/plain' });
      }
      expect(code, 'the headless shell stops cleanly on SIGTERM').toBe(0);
    }
    rmSync(dataDir, { recursive: true, force: true });
  },

  shell: async ({ shells }, use) => {
    await use(await shells.start());
  },
});

export { expect };
