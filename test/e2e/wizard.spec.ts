import { botFatherMessage, yespoTokensUrl } from './support/pasted-texts.js';
import { fileCount, findLeaks } from './support/secret-scan.js';
import { BOT_NAME, BOT_USERNAME, ORGANISATION, expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';

test('a new bot: from the welcome screen to the first subscriber in Yespo, by keyboard, with no secret left behind', async ({
  page,
  shell,
  shells,
  telegram,
  yespo,
}) => {
  // Six screens, two live checks and a subscriber's trip through both fakes.
  test.setTimeout(90_000);
  const wizard = new WizardPage(page);
  await wizard.open(shell);

  // 1. Welcome: the keychain works, so she may go on; the keyboard is already on "Next".
  await wizard.expectStep('welcome');
  await expect(wizard.byTestId('keychain-ok')).toHaveText('Your computer’s password store is ready.');
  await expect(wizard.next).toBeEnabled();
  await expect(wizard.back).toHaveCount(0);
  await wizard.expectFocus(wizard.next);
  await wizard.screenshot('setup-1-welcome');
  await wizard.press('Enter');

  // 2. Bot, new-bot path: BotFather's whole message is pasted; the token in it is found and checked live.
  await wizard.expectStep('bot');
  const tokenInput = wizard.byTestId('bot-token-input');
  await wizard.expectFocus(tokenInput);
  await expect(wizard.next).toBeDisabled();
  await wizard.pressOn(page.getByRole('radio', { name: 'No, I’ll create one now' }), 'Space');
  await expect(wizard.byTestId('bot-steps-new')).toContainText('Send /newbot');
  await expect(wizard.byTestId('open-botfather')).toHaveAttribute('href', 'https://t.me/BotFather');
  await tokenInput.focus();
  await wizard.paste(botFatherMessage(BOT_USERNAME, telegram.token));
  await expect(wizard.byTestId('bot-token-hint')).toHaveText('That looks like a bot token. Press “Check”.');
  // Unchecked text in the field: moving on would silently leave it behind.
  await expect(wizard.next).toBeDisabled();
  await wizard.press('Enter');
  const botFound = wizard.byTestId('bot-found');
  await expect(botFound).toContainText(`Connected to ${BOT_NAME} (@${BOT_USERNAME})`);
  await expect(botFound).toContainText(`it ends in …${telegram.token.slice(-4)}`);
  await expect(tokenInput).toHaveValue('');
  await expect(wizard.byTestId('webhook-notice')).toHaveCount(0);
  await expect(wizard.next).toBeEnabled();
  expect(await page.content(), 'the page never holds the checked token').not.toContain(telegram.token.split(':')[1]);
  await wizard.screenshot('setup-2-bot');
  await wizard.press('Enter');

  // 3. The bot in Yespo: an API address with the app_uuid in it is as good as the bare UUID.
  await wizard.expectStep('yespo-bot');
  const uuidInput = wizard.byTestId('app-uuid-input');
  await wizard.expectFocus(uuidInput);
  await expect(wizard.byTestId('open-yespo')).toHaveAttribute('href', 'https://yespo.io');
  await wizard.paste(yespoTokensUrl(yespo.appUuid));
  await expect(wizard.byTestId('app-uuid-hint')).toHaveText('That looks like a bot ID. Press “Save”.');
  await expect(wizard.next).toBeDisabled();
  await wizard.press('Enter');
  await expect(wizard.byTestId('app-uuid-saved')).toContainText(`Bot ID saved, not checked yet: ${yespo.appUuid}`);
  await expect(uuidInput).toHaveValue('');
  await expect(wizard.next).toBeEnabled();
  await wizard.screenshot('setup-3-yespo-bot');
  await wizard.press('Enter');

  // 4. The API key, checked against Yespo: the organisation's name says it is the right account.
  await wizard.expectStep('api-key');
  const keyInput = wizard.byTestId('api-key-input');
  await wizard.expectFocus(keyInput);
  await expect(keyInput).toHaveAttribute('type', 'password');
  await wizard.paste(` ${yespo.apiKey}\n`);
  await expect(wizard.byTestId('api-key-hint')).toHaveText('Press “Check” to try the key.');
  await expect(wizard.next).toBeDisabled();
  await wizard.press('Enter');
  await expect(wizard.byTestId('yespo-org')).toContainText(`Connected to ${ORGANISATION}`);
  await expect(wizard.byTestId('yespo-org')).toContainText(`it ends in …${yespo.apiKey.slice(-4)}`);
  await expect(keyInput).toHaveValue('');
  await expect(wizard.next).toBeEnabled();
  await wizard.screenshot('setup-4-api-key');
  await wizard.press('Enter');

  // 5. Subscribers: ask for the phone; the website link and a signed personal link.
  await wizard.expectStep('subscribers');
  await wizard.expectFocus(wizard.byTestId('welcome-text-en'));
  const askPhone = wizard.byTestId('ask-phone');
  await expect(askPhone).toHaveAttribute('aria-checked', 'false');
  await wizard.pressOn(askPhone, 'Space');
  await expect(askPhone).toHaveAttribute('aria-checked', 'true');
  await expect(wizard.byTestId('deep-link-website')).toHaveValue(`https://t.me/${BOT_USERNAME}?start=website`);
  await wizard.byTestId('customer-id-input').focus();
  await page.keyboard.type('10452');
  await wizard.press('Enter');
  await expect(wizard.byTestId('deep-link-signed')).toHaveValue(new RegExp(`^https://t\\.me/${BOT_USERNAME}\\?start=[A-Za-z0-9_-]{8,64}$`));
  await wizard.pressOn(wizard.byTestId('deep-link-signed-copy'));
  const signed = await wizard.byTestId('deep-link-signed').inputValue();
  expect(await wizard.clipboardText()).toBe(signed);
  await expect(wizard.byTestId('deep-link-signed-copy')).toHaveText('Copied');
  await wizard.screenshot('setup-5-subscribers');
  await wizard.pressOn(wizard.next);

  // 6. Live test: her phone presses Start; the screen sees the subscriber, then Yespo's acceptance.
  await wizard.expectStep('live-test');
  await expect(wizard.byTestId('live-test-open')).toHaveAttribute('href', `https://t.me/${BOT_USERNAME}`);
  await wizard.expectFocus(wizard.byTestId('live-test-open'));
  await expect(wizard.byTestId('live-test-qr')).toBeVisible();
  await expect(wizard.byTestId('live-test-waiting')).toBeVisible();
  await expect(wizard.byTestId('live-test-tray')).toContainText('keeps running');
  await expect(wizard.finish).toBeDisabled();
  await wizard.screenshot('setup-6-live-test');

  const olena = telegram.user(undefined, { first_name: 'Olena' });
  telegram.start(olena);
  await expect(wizard.byTestId('live-test-subscriber')).toContainText('Olena just subscribed!');
  // The bot asked for her phone (step 5), so the push waits for it: she shares it.
  await expect.poll(() => JSON.stringify(telegram.sent.filter((m) => m.chatId === olena.id).map((m) => m.replyMarkup))).toContain('request_contact');
  telegram.shareContact(olena, { phone: '+380 50 111 22 33', userId: olena.id, firstName: 'Olena' });
  await expect(wizard.byTestId('live-test-synced')).toHaveText('In Yespo. Your subscriber is ready for newsletters.');
  await expect(wizard.byTestId('setup-skip-test')).toHaveCount(0);
  await expect(wizard.finish).toBeEnabled();
  expect(yespo.tokenRequests.some((r) => r.appUuid === yespo.appUuid && r.status === 200 && JSON.stringify(r.tokens).includes(`"${olena.id}"`))).toBe(true);
  await wizard.screenshot('setup-7-live-test-done');

  // Finish: Home tells her, in one sentence, that all is well.
  await wizard.pressOn(wizard.finish);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByTestId('status-sentence')).toHaveText('Your bot is receiving subscribers. Everything is in Yespo.');
  await wizard.screenshot('home');

  // No secret anywhere on disk or in what the shell printed; stopped first, so every log line is flushed.
  expect(await shell.stop()).toBe(0);
  expect(shell.stdout()).toMatch(/^UI: \S+\n$/);
  expect(shell.logs()).toContain('Headless shell ready');
  expect(fileCount(shells.dataDir)).toBeGreaterThan(1);
  const secrets = {
    'bot token': telegram.token,
    "bot token's secret part": telegram.token.split(':')[1],
    'API key': yespo.apiKey,
    // As it travels to Yespo, should a request's headers ever be logged.
    'API key in the Authorization header': Buffer.from(`api:${yespo.apiKey}`).toString('base64'),
  };
  expect(findLeaks(shells.dataDir, { stdout: shell.stdout(), stderr: shell.logs() }, secrets)).toEqual([]);
});
