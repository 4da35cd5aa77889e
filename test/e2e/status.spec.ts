import { readFileSync } from 'node:fs';
import { withBot } from './fixtures/bot-from-environment.js';
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
