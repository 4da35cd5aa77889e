import { lateSessionBus } from './support/late-bus.js';
import { BOT_NAME, BOT_USERNAME, expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';

test.describe.configure({ timeout: 60_000 });

test('a password store that is not running: the wizard explains what to do on Linux, and goes on once it runs', async ({
  page,
  shells,
  telegram,
}) => {
  // The session bus this shell is told about has no socket yet: no Secret Service, no secrets in the environment.
  const bus = lateSessionBus();
  try {
    const shell = await shells.start({ env: { DBUS_SESSION_BUS_ADDRESS: bus.address } });
    const wizard = new WizardPage(page);
    await wizard.open(shell);
    await wizard.expectStep('welcome');

    const problem = wizard.byTestId('keychain-problem');
    await expect(problem).toHaveAttribute('data-platform', 'linux');
    await expect(problem).toHaveAttribute('role', 'alert');
    await expect(problem).toContainText('The app can’t use your computer’s password store');
    // Said to a shop owner: what to try herself, then whom to ask.
    await expect(problem).toContainText('sign out of the computer and back in');
    await expect(problem).toContainText('ask whoever looks after your computer');
    await expect(problem).toContainText('whoever set it up can give it the keys another way');
    await expect(wizard.byTestId('keychain-details')).toContainText(/\S/);
    await expect(wizard.byTestId('keychain-ok')).toHaveCount(0);
    // No secret may be asked for until there is somewhere safe to keep it.
    await expect(wizard.next).toBeDisabled();
    const retry = wizard.byTestId('keychain-retry');
    await wizard.expectFocus(retry);
    await wizard.screenshot('setup-1-welcome-keychain-problem');

    // "Check again" before anything changed: still the same explanation.
    await wizard.press('Enter');
    await expect(retry).not.toHaveClass(/n-button--loading/);
    await expect(problem).toBeVisible();
    await expect(wizard.next).toBeDisabled();

    // She starts (or unlocks) the keyring; the same running app now reaches it.
    await bus.appear();
    await wizard.pressOn(retry);
    await expect(wizard.byTestId('keychain-ok')).toHaveText('Your computer’s password store is ready.');
    await expect(problem).toHaveCount(0);
    await expect(wizard.next).toBeEnabled();
    await wizard.expectFocus(wizard.next);
    // Entering a step that asks for a secret checks the keychain again; the keyring goes away only after that check.
    const entryCheck = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/checkKeychain');
    await wizard.press('Enter');

    await wizard.expectStep('bot');
    const tokenInput = wizard.byTestId('bot-token-input');
    await wizard.expectFocus(tokenInput);
    await entryCheck;

    // The keyring goes away again just before she saves the token: the token is not kept anywhere else.
    await bus.disappear();
    await wizard.paste(telegram.token);
    await wizard.press('Enter');
    // The bot step gives way to the same help as on the welcome screen.
    await expect(wizard.byTestId('setup-step-bot').getByTestId('keychain-problem')).toBeVisible();
    await expect(tokenInput).toHaveCount(0);
    await expect(wizard.byTestId('bot-found')).toHaveCount(0);
    await expect(wizard.next).toBeDisabled();

    await bus.appear();
    await wizard.pressOn(retry);
    await expect(problem).toHaveCount(0);
    await wizard.expectFocus(tokenInput);
    await wizard.paste(telegram.token);
    await wizard.press('Enter');
    await expect(wizard.byTestId('bot-found')).toContainText(`Connected to ${BOT_NAME} (@${BOT_USERNAME})`);
    await expect(wizard.error).toHaveCount(0);

    // The token went to the real keychain: a restart with the plain session environment reads it back.
    expect(await shell.stop()).toBe(0);
    const again = await shells.start();
    await wizard.open(again);
    await wizard.expectStep('bot');
    await expect(wizard.byTestId('bot-found')).toContainText(`it ends in …${telegram.token.slice(-4)}`);
    await expect(wizard.next).toBeEnabled();
  } finally {
    await bus.close();
  }
});
