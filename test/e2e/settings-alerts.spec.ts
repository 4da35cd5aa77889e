import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

withBot('Settings turns on alerts to her own Telegram with a one-time link, and turns them off', async ({ page, headlessShell, telegram }) => {
  await page.goto(`${headlessShell.link.split('?')[0]}?token=${headlessShell.token}#/settings`);
  await page.getByTestId('alerts-start').click();
  await expect(page.getByTestId('alerts-qr')).toBeVisible();
  const link = await page.getByTestId('alerts-link').inputValue();
  expect(link).toMatch(/^https:\/\/t\.me\/corner_shop_bot\?start=[A-Za-z0-9_-]{1,64}$/);

  const olena = telegram.user(undefined, { first_name: 'Olena' });
  telegram.start(olena, new URL(link).searchParams.get('start') ?? '');
  await expect(page.getByTestId('alerts-on')).toHaveText('Alerts go to your Telegram chat (Olena).');
  expect(telegram.sent.filter((m) => m.chatId === olena.id).map((m) => m.text)).toEqual([expect.stringContaining('Send /stop to stop them')]);

  await page.getByTestId('alerts-stop').click();
  await expect(page.getByTestId('alerts-start')).toBeVisible();
  await expect.poll(() => telegram.sent.filter((m) => m.chatId === olena.id).length).toBe(2);
});
