import { BOT_NAME, BOT_USERNAME, expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';
import { walkTo } from './support/wizard-walk.js';

// Under a busy machine a dozen live checks and field edits take longer than the default half minute.
test.describe.configure({ timeout: 60_000 });

test('an existing bot whose messages go to another service: switched to this app without losing a Start press, then polled', async ({
  page,
  shell,
  telegram,
  yespo,
}) => {
  // The other service's address carries its own secret in the path and query: only the host may show.
  telegram.setWebhook('https://crm.example.com/hooks/tg-7f3a9c/SECRETPATH?key=SECRETQUERY');
  const waiting = telegram.user(undefined, { first_name: 'Taras' });
  telegram.start(waiting);

  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'bot', { telegram, yespo });
  await wizard.pressOn(page.getByRole('radio', { name: 'Yes, I’ll use my bot' }), 'Space');
  await expect(wizard.byTestId('bot-steps-existing')).toContainText('Send /mybots and choose your bot.');
  await wizard.byTestId('bot-token-input').focus();
  await wizard.paste(telegram.token);
  await wizard.press('Enter');

  await expect(wizard.byTestId('bot-found')).toContainText(`Connected to ${BOT_NAME} (@${BOT_USERNAME})`);
  const notice = wizard.byTestId('webhook-notice');
  await expect(notice).toContainText('Another service receives this bot’s messages');
  await expect(notice).toContainText('to crm.example.com.');
  await expect(notice).toContainText('Messages waiting there: 1.');
  // The token field is below the notice.
  await expect(notice).toContainText('Create a new bot for this app instead and paste its token below.');
  for (const hidden of ['hooks', 'tg-7f3a9c', 'SECRETPATH', 'SECRETQUERY']) await expect(page.locator('body')).not.toContainText(hidden);
  // While the messages go elsewhere this app would never see a subscriber: no way on but the switch.
  await expect(wizard.next).toBeDisabled();
  expect(telegram.deleteWebhookCalls).toEqual([]);
  await wizard.screenshot('setup-2-bot-webhook');

  await wizard.pressOn(wizard.byTestId('webhook-switch'));
  await expect(wizard.byTestId('webhook-switched')).toHaveText('Done: the bot now sends its messages to this app.');
  await expect(notice).toHaveCount(0);
  await expect(wizard.next).toBeEnabled();
  expect(telegram.deleteWebhookCalls).toEqual([{ dropPendingUpdates: false, at: expect.any(Number) }]);

  // Polling: the press made while the webhook was set, and a new one, both reach the app and are answered.
  const fresh = telegram.user(undefined, { first_name: 'Oksana' });
  telegram.start(fresh);
  await expect.poll(() => telegram.sent.map((m) => m.chatId).sort()).toEqual([waiting.id, fresh.id].sort());
  expect(telegram.getUpdatesCalls.some((c) => c.status === 200 && (c.updateIds?.length ?? 0) > 0)).toBe(true);
});

test('a mistyped token, a token Telegram does not know and a revoked one each say what is wrong; the right token recovers', async ({
  page,
  shell,
  telegram,
  yespo,
}) => {
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'bot', { telegram, yespo });
  const input = wizard.byTestId('bot-token-input');
  const hint = wizard.byTestId('bot-token-hint');
  const check = wizard.byTestId('bot-token-check');
  await wizard.expectFocus(input);

  // As typed: no colon yet, then the colon with too little after it.
  await page.keyboard.type(String(telegram.botId));
  await expect(hint).toHaveText('This doesn’t look like a bot token — it should look like 123456789:ABC…');
  await expect(hint).toHaveAttribute('data-tone', 'warning');
  await expect(check).toBeDisabled();
  await page.keyboard.type(':AAH4k');
  await expect(hint).toHaveText('Part of the token seems to be missing. Copy all of it: about 35 characters follow the colon.');
  await expect(check).toBeDisabled();
  await wizard.press('Enter');
  await expect(wizard.byTestId('setup-step-bot')).toBeVisible();
  await expect(wizard.error).toHaveCount(0);
  await expect(wizard.next).toBeDisabled();

  // Two tokens at once: which one?
  await wizard.clearField();
  await wizard.paste(`${telegram.token}\n${telegram.botId}:AA${'b'.repeat(33)}`);
  await expect(hint).toHaveText('There are two different tokens here. Paste only the token of the bot you want to use.');
  await expect(check).toBeDisabled();

  // Well formed, but not this bot's token.
  await wizard.clearField();
  await wizard.paste(`${telegram.botId}:AA${'x'.repeat(33)}`);
  await expect(hint).toHaveText('That looks like a bot token. Press “Check”.');
  await wizard.press('Enter');
  await expect(wizard.error).toHaveAttribute('data-error', 'token_rejected');
  await expect(wizard.error).toHaveText('Telegram doesn’t know this token. Copy it again from @BotFather — it may have been changed with /revoke.');
  await expect(wizard.byTestId('bot-found')).toHaveCount(0);
  await expect(wizard.next).toBeDisabled();

  // The right token, but revoked in @BotFather before she pressed Check.
  telegram.revokeToken();
  await wizard.clearField();
  await expect(wizard.error, 'editing the field clears the old message').toHaveCount(0);
  await wizard.paste(telegram.token);
  await wizard.press('Enter');
  await expect(wizard.error).toHaveAttribute('data-error', 'token_rejected');
  await expect(wizard.byTestId('bot-found')).toHaveCount(0);

  // @BotFather's new token works.
  const fresh = telegram.issueToken();
  await wizard.clearField();
  await wizard.paste(fresh);
  await wizard.press('Enter');
  await expect(wizard.byTestId('bot-found')).toContainText(`Connected to ${BOT_NAME} (@${BOT_USERNAME})`);
  await expect(wizard.byTestId('bot-found')).toContainText(`it ends in …${fresh.slice(-4)}`);
  await expect(wizard.error).toHaveCount(0);
  await expect(wizard.next).toBeEnabled();
  await wizard.press('Enter');
  await wizard.expectStep('yespo-bot');
});
