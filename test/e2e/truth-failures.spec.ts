import { randomUUID } from 'node:crypto';
import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

// Issue 11, "Truth": Delivery failures never contradicts Home, and says how fresh its reports are.
withBot.describe.configure({ timeout: 60_000 });
withBot.use({ locale: 'en-US', viewport: { width: 1280, height: 720 } });

/** The same bot, with a bot ID (app_uuid) Yespo has never heard of. */
const wrongBotId = withBot.extend({
  headlessOptions: async ({ telegram, yespo }, use) => {
    await use({
      env: { TELEGRAM_BOT_TOKEN: telegram.token, YESPO_API_KEY: yespo.apiKey, YESPO_APP_UUID: randomUUID() },
      args: ['--telegram-api-root', telegram.url, '--yespo-api-root', yespo.url],
    });
  },
});

wrongBotId('with a wrong bot ID, Delivery failures shows the paused sync and its fix instead of "Nothing has failed"', async ({ page, headlessShell, telegram }) => {
  await page.goto(headlessShell.link);
  telegram.start(telegram.user(undefined, { first_name: 'Olena' }));
  await expect(page.getByTestId('home-state')).toContainText('Yespo doesn’t know this bot ID');
  await expect(page.getByTestId('home-state')).toHaveAttribute('data-severity', 'error');

  await page.getByRole('link', { name: 'Delivery failures', exact: true }).click();
  const blocker = page.getByTestId('failures-blocker-app-uuid-wrong');
  await expect(blocker).toContainText('Yespo doesn’t know this bot ID (app_uuid). Copy it again in Yespo from Settings → My bots.');
  await expect(page.getByTestId('failures-waiting')).toHaveText('1 subscriber is saved here and will be sent once this is fixed.');
  await expect(page.getByText('Nothing has failed')).toHaveCount(0);

  await blocker.getByRole('button', { name: 'Enter the bot ID' }).click();
  await expect(page).toHaveURL(/\/settings\?section=app-uuid/);
});

withBot('"Trying again now." carries no success tick while Yespo is still down', async ({ page, headlessShell, telegram, yespo }) => {
  await page.goto(headlessShell.link);
  await expect(page.getByTestId('home-state')).toHaveAttribute('data-severity', 'ok');
  yespo.outage(true);
  telegram.start(telegram.user(undefined, { first_name: 'Olena' }));
  await expect(page.getByTestId('home-state')).toContainText('Yespo is not reachable right now. 1 subscriber is saved');

  await page.getByTestId('home-state').getByRole('button', { name: 'Retry now' }).click();
  const message = page.locator('.n-message', { hasText: 'Trying again now.' });
  await expect(message).toBeVisible();
  await expect(message).toHaveClass(/n-message--info-type/);
  await expect(message).not.toHaveClass(/n-message--success-type/);
});

withBot('Delivery failures says when the reports were last read, "Check now" reads them, and Home counts the failed newsletters of 30 days', async ({
  page,
  headlessShell,
  telegram,
  yespo,
}) => {
  await page.goto(headlessShell.link);
  const user = telegram.user(undefined, { first_name: 'Olena' });
  telegram.start(user);
  await expect(page.getByTestId('counter-inYespo')).toHaveText('1');
  await expect(page.getByTestId('counter-undelivered')).toHaveText('0');
  const contact = yespo.contacts.find((c) => c.tokens.some((t) => t.token === String(user.id)));
  expect(contact).toBeDefined();
  yespo.addUndelivered({ contactId: contact!.id, messageName: 'Spring sale' });

  await page.getByRole('link', { name: 'Delivery failures', exact: true }).click();
  await expect(page.getByTestId('failures-reports')).toBeVisible();
  await page.getByTestId('failures-check-now').click();
  await expect(page.locator('.n-message', { hasText: 'Delivery reports read from Yespo just now.' })).toBeVisible();
  await expect(page.getByTestId('failures-reports')).toContainText('Delivery reports last read from Yespo');
  await expect(page.getByTestId('failures-reports-read')).toBeVisible();
  await expect(page.getByTestId('failure-group-yespo-undelivered')).toContainText('Newsletters that didn’t arrive');

  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('counter-undelivered')).toHaveText('1');
  await expect(page.getByTestId('home-undelivered')).toContainText('Newsletters not delivered, last 30 days');

  yespo.outage(true);
  await page.getByTestId('home-undelivered').getByRole('link', { name: 'See delivery failures' }).click();
  await page.getByTestId('failures-check-now').click();
  await expect(page.locator('.n-message', { hasText: 'Yespo’s delivery reports couldn’t be read just now.' })).toBeVisible();
});
