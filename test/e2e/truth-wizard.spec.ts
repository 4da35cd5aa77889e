import { expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';
import { walkTo } from './support/wizard-walk.js';

// Issue 11, "Truth": what the wizard says must match what it knows.
test.describe.configure({ timeout: 60_000 });

test('a token Telegram refused loses its green "looks like a bot token" hint until it is edited', async ({ page, shell, telegram, yespo }) => {
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'bot', { telegram, yespo });
  const hint = wizard.byTestId('bot-token-hint');

  await wizard.paste(`${telegram.botId}:AA${'x'.repeat(33)}`);
  await expect(hint).toHaveText('That looks like a bot token. Press “Check”.');
  await expect(hint).toHaveAttribute('data-tone', 'success');
  await wizard.press('Enter');
  await expect(wizard.error).toHaveAttribute('data-error', 'token_rejected');
  await expect(hint).toHaveText('');
  await expect(hint).toHaveAttribute('data-tone', '');

  // Editing it is a new value: the hint speaks again.
  await page.keyboard.press('Backspace');
  await page.keyboard.type('y');
  await expect(wizard.error).toHaveCount(0);
  await expect(hint).toHaveText('That looks like a bot token. Press “Check”.');
});

test('a Yespo answering 503 at the key check says Yespo is not answering, not that the computer is offline', async ({ page, shell, telegram, yespo }) => {
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'api-key', { telegram, yespo });
  yespo.outage(true);
  await wizard.paste(yespo.apiKey);
  await wizard.press('Enter');
  await expect(wizard.error).toHaveAttribute('data-error', 'yespo_down');
  await expect(wizard.error).toHaveText('Yespo isn’t answering right now; the problem is on Yespo’s side, not this computer’s. Try again in a few minutes.');
  await expect(wizard.error).not.toContainText('online');

  yespo.outage(false);
  await wizard.press('Enter');
  await expect(wizard.byTestId('yespo-org')).toBeVisible();
});

test('a saved bot ID is not shown as confirmed, and finishing without the test warns that it has not been checked', async ({ page, shell, telegram, yespo }) => {
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  // A well-formed bot ID Yespo does not know: nothing can tell before a subscriber is sent.
  const wrong = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  await walkTo(wizard, 'yespo-bot', { telegram, yespo });
  await wizard.paste(wrong);
  await wizard.press('Enter');
  const saved = wizard.byTestId('app-uuid-saved');
  await expect(saved).toContainText(`Bot ID saved, not checked yet: ${wrong}`);
  await expect(saved).toContainText('the live test in the last step checks it');
  await expect(saved).toHaveAttribute('data-tone', 'info');

  await wizard.pressOn(wizard.next);
  for (const step of ['api-key', 'subscribers'] as const) {
    await wizard.expectStep(step);
    if (step === 'api-key') {
      await wizard.paste(yespo.apiKey);
      await wizard.press('Enter');
      await expect(wizard.byTestId('yespo-org')).toBeVisible();
    }
    await wizard.pressOn(wizard.next);
  }
  await wizard.expectStep('live-test');
  await expect(wizard.byTestId('setup-skip-warning')).toHaveText(
    'The bot ID hasn’t been checked yet. Without the test, a wrong one shows only when the first subscriber doesn’t reach Yespo.',
  );
  await expect(wizard.byTestId('setup-skip-test')).toBeVisible();
});
