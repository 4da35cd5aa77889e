import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { expect, startHeadless, test, type HeadlessShell } from './fixtures/headless.js';

// Issue 11, "Truth": a tab whose app has gone must not keep saying all is well.
test.describe.configure({ timeout: 90_000 });
test.use({ locale: 'en-US', viewport: { width: 1280, height: 720 } });

const LOST = 'Lost contact with the app. Trying to reconnect…';
const NEW_LINK = 'Lost contact with the app. It may have restarted with a new link: open the link it printed when it started (the line that begins with “UI:”).';
const ALL_GOOD = 'Your bot is receiving subscribers. Everything is in Yespo.';

/** A port nothing listens on right now, so every shell of the test can take it in turn. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let telegram: FakeTelegram;
let yespo: FakeYespo;
let dataDir: string;
const running: HeadlessShell[] = [];

test.beforeEach(async () => {
  telegram = await startFakeTelegram({ username: 'corner_shop_bot', timeScale: 0.02 });
  yespo = await startFakeYespo();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tcy-contact-'));
});

test.afterEach(async () => {
  for (const shell of running.splice(0)) expect(await shell.stop(), 'the headless shell stops cleanly on SIGTERM').toBe(0);
  await telegram.close();
  await yespo.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A shell on the test's data folder and `port`, with the access token `token`, set up from the environment. */
async function shellOn(port: number, token: string): Promise<HeadlessShell> {
  const shell = await startHeadless({
    dataDir,
    env: { TCY_HEADLESS_TOKEN: token, TELEGRAM_BOT_TOKEN: telegram.token, YESPO_API_KEY: yespo.apiKey, YESPO_APP_UUID: yespo.appUuid },
    args: ['--port', String(port), '--telegram-api-root', telegram.url, '--yespo-api-root', yespo.url],
  });
  running.push(shell);
  return shell;
}

async function stop(shell: HeadlessShell): Promise<void> {
  running.splice(running.indexOf(shell), 1);
  expect(await shell.stop()).toBe(0);
}

test('the status turns grey when the app stops, recovers by itself when it returns, and asks for the new link when another app answers', async ({ page }) => {
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const first = await shellOn(port, token);
  await page.goto(first.link);
  const sentence = page.getByTestId('status-sentence');
  await expect(sentence).toHaveText(ALL_GOOD);
  await expect(page.getByTestId('home-state')).toHaveAttribute('data-severity', 'ok');

  await stop(first);
  await expect(sentence).toHaveText(LOST);
  await expect(sentence).toHaveAttribute('data-severity', 'lost');
  await expect(page.getByTestId('home-contact-lost')).toHaveText(LOST);
  await expect(page.getByTestId('home-state')).toHaveCount(0);
  await expect(page.getByText(ALL_GOOD)).toHaveCount(0);

  // The same app again: same port, data and token. The tab reconnects and re-reads the status and the view.
  const second = await shellOn(port, token);
  await expect(sentence).toHaveText(ALL_GOOD, { timeout: 30_000 });
  await expect(page.getByTestId('home-contact-lost')).toHaveCount(0);
  telegram.start(telegram.user(undefined, { first_name: 'Olena' }));
  await expect(page.getByTestId('counter-subscribers')).toHaveText('1');

  // Delivery failures, too, stops claiming that everything got through.
  await page.getByRole('link', { name: 'Delivery failures', exact: true }).click();
  await expect(page.getByTestId('failures-reports')).toBeVisible();
  await stop(second);
  await expect(page.getByTestId('failures-contact-lost')).toHaveText(LOST);
  await expect(page.getByText('Nothing has failed')).toHaveCount(0);

  // Another app at that address (a restart with a new token): this tab's session is over.
  await shellOn(port, randomBytes(24).toString('base64url'));
  await expect(sentence).toHaveText(NEW_LINK, { timeout: 30_000 });
  await expect(page.getByTestId('failures-contact-lost')).toHaveText(NEW_LINK);
});
