import { BOT_NAME, BOT_USERNAME, expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';
import { walkTo } from './support/wizard-walk.js';

test.describe.configure({ timeout: 60_000 });

test('stopped halfway and started again, the wizard opens where she was, with the bot remembered', async ({ page, shells, telegram, yespo }) => {
  const first = await shells.start();
  const wizard = new WizardPage(page);
  await wizard.open(first);
  await walkTo(wizard, 'yespo-bot', { telegram, yespo, botPath: 'existing' });

  expect(await first.stop(), 'SIGTERM stops the shell cleanly').toBe(0);
  const second = await shells.start();
  await wizard.open(second);

  await wizard.expectStep('yespo-bot');
  await expect(page.getByTestId('setup-progress')).toHaveAttribute('aria-label', 'Step 3 of 6');
  await wizard.expectFocus(wizard.byTestId('app-uuid-input'));
  // The existing-bot path chosen before the restart still shapes this step's instructions.
  await expect(wizard.byTestId('setup-step-yespo-bot')).toContainText('Choose “Connect existing bot”.');

  await wizard.pressOn(wizard.back);
  await wizard.expectStep('bot');
  await expect(wizard.byTestId('bot-found')).toContainText(`Connected to ${BOT_NAME} (@${BOT_USERNAME})`);
  await expect(wizard.byTestId('bot-found')).toContainText(`it ends in …${telegram.token.slice(-4)}`);
  await expect(page.getByRole('radio', { name: 'Yes, I’ll use my bot' })).toBeChecked();
  await expect(wizard.next).toBeEnabled();
  await wizard.pressOn(wizard.next);
  await wizard.expectStep('yespo-bot');

  // An address that names a step (Settings links to `?step=bot`) opens that step, also on a fresh load.
  await page.goto('about:blank');
  await page.goto(`${second.origin}/#/setup?step=bot`);
  await wizard.expectStep('bot');
  await expect(page).toHaveURL(/#\/setup\?step=bot$/);
});
