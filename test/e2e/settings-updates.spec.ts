import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

withBot('Settings says the headless shell does not update itself, in English and in Ukrainian', async ({ page, headlessShell }) => {
  await page.goto(headlessShell.link);
  await expect(page.getByRole('status').first()).toContainText('@corner_shop_bot');
  await page.getByRole('link', { name: 'Settings' }).click();

  const updates = page.locator('#settings-updates');
  await expect(updates).toContainText('Updates');
  await expect(page.locator('#update-state')).toHaveText(/^This copy runs without the desktop app, so it does not update itself\./);

  await page.locator('#settings-language').getByText('Українська').click();
  await expect(page.locator('#update-state')).toHaveText(/^Ця копія працює без настільного застосунку, тому сама не оновлюється\./);
});
