import { readFileSync } from 'node:fs';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { expect, test } from './fixtures/headless.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

test('the UI link opens the app and shows the engine’s live status', async ({ page, headlessShell }) => {
  await page.goto(headlessShell.link);
  // The link swaps its token for the session cookie and leaves the address bar clean.
  await expect(page).toHaveURL((url) => url.origin === headlessShell.origin && url.pathname === '/' && url.search === '');
  await expect(page.getByTestId('engine-version')).toContainText(version);
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.getByTestId('status-sentence')).not.toBeEmpty();
});

test('without the link the page says where to find it, and the API refuses', async ({ page, headlessShell }) => {
  const response = await page.goto(headlessShell.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Open the link from the terminal' })).toBeVisible();
  const api = await page.request.post(`${headlessShell.origin}/api/getStatus`, { data: {} });
  expect(api.status()).toBe(401);
});

/** A bot set up from the environment against local fakes, so the engine really polls and syncs. */
const withBot = test.extend<{ telegram: FakeTelegram; yespo: FakeYespo }>({
  telegram: async ({}, use) => {
    const telegram = await startFakeTelegram({ username: 'corner_shop_bot', timeScale: 0.02 });
    await use(telegram);
    await telegram.close();
  },
  yespo: async ({}, use) => {
    const yespo = await startFakeYespo();
    await use(yespo);
    await yespo.close();
  },
  headlessOptions: async ({ telegram, yespo }, use) => {
    await use({
      env: { TELEGRAM_BOT_TOKEN: telegram.token, YESPO_API_KEY: yespo.apiKey, YESPO_APP_UUID: yespo.appUuid },
      args: ['--telegram-api-root', telegram.url, '--yespo-api-root', yespo.url],
    });
  },
});

withBot('a subscriber pressing Start shows up on the open page without a reload', async ({ page, headlessShell, telegram, yespo }) => {
  await page.goto(headlessShell.link);
  const status = page.getByRole('status');
  await expect(status).toContainText('@corner_shop_bot');
  await expect(page.getByTestId('counter-subscribers')).toHaveText('0');

  telegram.start(telegram.user(undefined, { first_name: 'Olena' }));

  await expect(page.getByTestId('counter-subscribers')).toHaveText('1');
  await expect.poll(() => yespo.tokenRequests.length).toBeGreaterThan(0);
  await expect(page.getByTestId('counter-inYespo')).toHaveText('1');
});
