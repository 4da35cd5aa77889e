/**
 * The README's pictures of the screens she uses every day, against the headless shell and the local
 * fakes with a small shop's customers (`npm run screenshots`). Same data, same window, same order
 * every run: only the dates the chart and the relative times show follow the day it runs.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { expect, test as base } from '../e2e/fixtures/headless.js';
import { CUSTOMERS, FEATURED, expectShopSettled, seedShop } from '../e2e/support/shop-data.js';

const FOLDER = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const test = base.extend<{ telegram: FakeTelegram; yespo: FakeYespo }>({
  telegram: async ({}, use) => {
    const telegram = await startFakeTelegram({ username: 'olenas_flowers_bot', firstName: 'Olena’s Flowers', timeScale: 0.02 });
    await use(telegram);
    await telegram.close();
  },
  yespo: async ({}, use) => {
    const yespo = await startFakeYespo({ organisationName: 'Olena Flowers LLC' });
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

test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light', timezoneId: 'Europe/Kyiv' });

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
  await page.mouse.move(0, 799);
  await page.screenshot({ path: `${FOLDER}${name}.png`, animations: 'disabled', caret: 'hide' });
}

test('Home, Subscribers, a subscriber and Delivery failures, for the README', async ({ page, headlessShell, telegram, yespo }) => {
  await page.goto(headlessShell.link);
  await expect(page.getByRole('status')).toContainText('@olenas_flowers_bot');
  seedShop(telegram, yespo);
  await expectShopSettled(page);
  // The chart reloads a moment after the counters (they come with the live status).
  await expect(page.getByRole('img', { name: `A chart: ${CUSTOMERS.length} new subscribers in the last 30 days` })).toBeVisible();
  await shoot(page, 'screen-home');

  await page.getByRole('link', { name: 'Subscribers' }).click();
  const featured = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: `${FEATURED.first_name} ${FEATURED.last_name}`, exact: true }) });
  await expect(featured).toBeVisible();
  await shoot(page, 'screen-subscribers');

  await featured.click();
  await expect(page.getByTestId('identity-reason')).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Shared their phone number');
  await shoot(page, 'screen-subscriber');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('identity-reason')).toHaveCount(0);

  await page.getByRole('link', { name: 'Delivery failures' }).click();
  const refused = page.getByTestId('failure-group-yespo-rejected');
  await expect(refused).toBeVisible();
  await expect(page.getByTestId('failure-group-blocked-bot')).toBeVisible();
  await refused.getByRole('button', { name: 'Show 1 entry' }).click();
  await expect(refused).toContainText('Contact is blocked');
  await shoot(page, 'screen-failures');
});
