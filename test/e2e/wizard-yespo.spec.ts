import { yespoTokensUrl } from './support/pasted-texts.js';
import { ORGANISATION, expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';
import { walkTo } from './support/wizard-walk.js';

// Under a busy machine a dozen live checks and field edits take longer than the default half minute.
test.describe.configure({ timeout: 60_000 });

test('a bot ID that is not one, or is the bot token, and a key Yespo refuses each say what is wrong; corrected, the wizard goes on', async ({
  page,
  shell,
  telegram,
  yespo,
}) => {
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'yespo-bot', { telegram, yespo });

  const uuidInput = wizard.byTestId('app-uuid-input');
  const uuidHint = wizard.byTestId('app-uuid-hint');
  const save = wizard.byTestId('app-uuid-save');
  await wizard.expectFocus(uuidInput);

  await page.keyboard.type('my flower bot');
  await expect(uuidHint).toHaveText('This doesn’t look like a bot ID — it should look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.');
  await expect(save).toBeDisabled();
  await expect(wizard.next).toBeDisabled();

  await wizard.clearField();
  await wizard.paste(yespo.appUuid.slice(0, 23));
  await expect(uuidHint).toHaveText(
    'Part of the ID seems to be missing. It has 36 characters: letters and digits in groups of 8-4-4-4-12, joined by dashes.',
  );
  await expect(save).toBeDisabled();

  // The same token as in the step before, pasted here by mistake: recognised as such.
  await wizard.clearField();
  await wizard.paste(telegram.token);
  await expect(uuidHint).toHaveText(
    'This is the bot token, not the bot ID. Yespo shows the ID next to the bot once you have connected it there.',
  );
  await expect(uuidHint).toHaveAttribute('data-tone', 'warning');
  await expect(save).toBeDisabled();
  await wizard.press('Enter');
  await expect(wizard.byTestId('app-uuid-saved')).toHaveCount(0);
  await expect(wizard.next).toBeDisabled();

  await wizard.clearField();
  await wizard.paste(`  ${yespoTokensUrl(yespo.appUuid.toUpperCase())}  `);
  await expect(uuidHint).toHaveText('That looks like a bot ID. Press “Save”.');
  await wizard.press('Enter');
  await expect(wizard.byTestId('app-uuid-saved')).toContainText(`Bot ID saved, not checked yet: ${yespo.appUuid}`);
  await expect(wizard.next).toBeEnabled();
  await wizard.press('Enter');

  await wizard.expectStep('api-key');
  const keyInput = wizard.byTestId('api-key-input');
  const keyHint = wizard.byTestId('api-key-hint');
  await wizard.expectFocus(keyInput);

  await wizard.paste(telegram.token);
  await expect(keyHint).toHaveText('This is the Telegram bot token. Here the app needs the key from Yespo (Settings → API).');
  await expect(wizard.byTestId('api-key-check')).toBeDisabled();

  await wizard.clearField();
  await wizard.paste('half of a key');
  await expect(keyHint).toHaveText('A key has no spaces in it. Copy only the key itself.');

  // Looks like a key, but Yespo answers 401.
  await wizard.clearField();
  await wizard.paste('0123456789ABCDEF0123456789ABCDEF');
  await expect(keyHint).toHaveText('Press “Check” to try the key.');
  await wizard.press('Enter');
  await expect(wizard.error).toHaveAttribute('data-error', 'api_key_rejected');
  await expect(wizard.error).toHaveText('Yespo doesn’t accept this key. Check you copied all of it; keys stop working after 90 days without use.');
  await expect(wizard.byTestId('yespo-org')).toHaveCount(0);
  await expect(wizard.next).toBeDisabled();

  await wizard.clearField();
  await expect(wizard.error).toHaveCount(0);
  await wizard.paste(yespo.apiKey);
  await wizard.press('Enter');
  await expect(wizard.byTestId('yespo-org')).toContainText(`Connected to ${ORGANISATION}`);
  await expect(wizard.error).toHaveCount(0);
  await expect(wizard.next).toBeEnabled();
  await wizard.press('Enter');
  await wizard.expectStep('subscribers');
});

test('a bot ID Yespo does not know: the live test says so instead of waiting forever, and the corrected ID delivers the subscriber', async ({
  page,
  shell,
  telegram,
  yespo,
}) => {
  const unknown = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  await walkTo(wizard, 'live-test', { telegram, yespo, appUuid: unknown });

  const olena = telegram.user(undefined, { first_name: 'Olena' });
  telegram.start(olena);
  await expect(wizard.byTestId('live-test-subscriber')).toContainText('Olena just subscribed!');
  const problem = wizard.byTestId('live-test-sync-problem');
  await expect(problem).toHaveAttribute('data-sync-state', 'paused-app-uuid');
  await expect(problem).toContainText('Yespo doesn’t know this bot ID (app_uuid)');
  await expect(wizard.byTestId('live-test-pending')).toHaveCount(0);
  await expect(wizard.byTestId('live-test-synced')).toHaveCount(0);
  expect(yespo.tokenRequests.length).toBeGreaterThan(0);
  expect(yespo.tokenRequests.every((r) => r.appUuid === unknown && r.status === 404)).toBe(true);

  await wizard.pressOn(problem.getByTestId('live-test-check-uuid'));
  await wizard.expectStep('yespo-bot');
  await expect(wizard.byTestId('app-uuid-saved')).toContainText(unknown);
  await wizard.expectFocus(wizard.byTestId('app-uuid-input'));
  await wizard.paste(yespo.appUuid);
  await wizard.press('Enter');
  await expect(wizard.byTestId('app-uuid-saved')).toContainText(yespo.appUuid);
  for (const step of ['api-key', 'subscribers', 'live-test'] as const) {
    await wizard.pressOn(wizard.next);
    await wizard.expectStep(step);
  }

  // Nobody pressed Start again: the waiting subscriber went to the right bot ID by itself.
  await expect(wizard.byTestId('live-test-synced')).toBeVisible();
  await expect(wizard.byTestId('live-test-sync-problem')).toHaveCount(0);
  expect(yespo.tokenRequests.some((r) => r.appUuid === yespo.appUuid && r.status === 200 && JSON.stringify(r.tokens).includes(`"${olena.id}"`))).toBe(true);
});
