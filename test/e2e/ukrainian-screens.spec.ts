import type { Page } from '@playwright/test';
import { englishWords } from '../support/english-words.js';
import { CUSTOMER_NAMES_IN_LATIN, FEATURED, REFUSALS, SOURCE_TAGS, expectShopSettled, seedShop } from './support/shop-data.js';
import { expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';

// Her computer speaks Ukrainian, so the app does from its first screen ("system" language).
test.use({ locale: 'uk-UA' });

/** The fakes' own names (the bot, the Yespo organisation), which are data, not the app's words. */
const FAKE_NAMES = ['Olena’s', 'Flowers', 'LLC'];

/**
 * Fails when the visible text of the page holds English outside names, tokens, the shop's link tags,
 * Yespo's quoted replies and code shown to a web developer. Soft, so one run lists every screen's English.
 */
async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  let text = await page.locator('body').innerText();
  for (const quote of [...REFUSALS, ...(await page.locator('code').allInnerTexts())]) text = text.split(quote).join(' ');
  expect.soft(englishWords(text, [...CUSTOMER_NAMES_IN_LATIN, ...SOURCE_TAGS, ...FAKE_NAMES]), `English on ${screen}`).toEqual([]);
}

test('in Ukrainian every screen speaks Ukrainian: each wizard step, Home, Subscribers, a subscriber, Delivery failures, Settings', async ({
  page,
  shell,
  telegram,
  yespo,
}) => {
  test.setTimeout(120_000);
  const wizard = new WizardPage(page);
  await wizard.open(shell);

  await wizard.expectStep('welcome');
  await expect(wizard.byTestId('keychain-ok')).toBeVisible();
  await expectNoEnglish(page, 'welcome');
  await wizard.pressOn(wizard.next);

  // Her own bot, so step 3 also says to choose "Connect existing bot" in Yespo.
  await wizard.expectStep('bot');
  await wizard.pressOn(page.getByRole('radio', { name: 'Так, візьму свого бота' }), 'Space');
  await wizard.byTestId('bot-token-input').focus();
  await wizard.paste(telegram.token);
  await wizard.press('Enter');
  await expect(wizard.byTestId('bot-found')).toBeVisible();
  await expectNoEnglish(page, 'the bot step');
  await wizard.pressOn(wizard.next);

  await wizard.expectStep('yespo-bot');
  await expect(wizard.byTestId('setup-step-yespo-bot')).toContainText('Виберіть «Підключити наявного бота».');
  await wizard.paste(yespo.appUuid);
  await wizard.press('Enter');
  await expect(wizard.byTestId('app-uuid-saved')).toBeVisible();
  await expectNoEnglish(page, 'the bot-in-Yespo step');
  await wizard.pressOn(wizard.next);

  await wizard.expectStep('api-key');
  await wizard.paste(yespo.apiKey);
  await wizard.press('Enter');
  await expect(wizard.byTestId('yespo-org')).toBeVisible();
  await expectNoEnglish(page, 'the API key step');
  await wizard.pressOn(wizard.next);

  await wizard.expectStep('subscribers');
  await expectNoEnglish(page, 'the subscribers step');
  await wizard.pressOn(wizard.next);

  await wizard.expectStep('live-test');
  await expectNoEnglish(page, 'the live test, waiting');
  telegram.start(telegram.user(undefined, { first_name: 'Марія', language_code: 'uk' }));
  await expect(wizard.byTestId('live-test-synced')).toBeVisible();
  await expectNoEnglish(page, 'the live test, done');
  await wizard.pressOn(wizard.finish);

  // Home, once the shop's customers have arrived (one more than the wizard's test subscriber).
  await expect(page).toHaveURL(/#\/$/);
  seedShop(telegram, yespo);
  await expectShopSettled(page, 1);
  await expectNoEnglish(page, 'Home');

  await page.getByRole('link', { name: 'Підписники' }).click();
  const featured = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: `${FEATURED.first_name} ${FEATURED.last_name}`, exact: true }) });
  await expect(featured).toBeVisible();
  await expectNoEnglish(page, 'Subscribers');

  await featured.click();
  await expect(page.getByTestId('identity-reason')).toBeVisible();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Українська');
  await expect(drawer).toContainText('Надано номер телефону');
  await expectNoEnglish(page, 'a subscriber’s detail');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('identity-reason')).toHaveCount(0);

  await page.getByRole('link', { name: 'Збої доставки' }).click();
  await expect(page.getByTestId('failure-group-yespo-rejected')).toBeVisible();
  await expect(page.getByTestId('failure-group-blocked-bot')).toBeVisible();
  for (const toggle of await page.locator('button.disclosure').all()) await toggle.click();
  await expect(page.locator('button.disclosure[aria-expanded="true"]')).toHaveCount(2);
  await expect(page.locator('button.disclosure').first()).toHaveText('Сховати список');
  await expectNoEnglish(page, 'Delivery failures, lists open');

  await page.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByTestId('website-link')).toBeVisible();
  for (const toggle of await page.locator('button.disclosure').all()) await toggle.click();
  await expect(page.getByRole('button', { name: 'Сховати додаткові налаштування' })).toBeVisible();
  await page.getByTestId('link-key-reveal').click();
  await expect(page.getByTestId('link-key')).toBeVisible();
  await expectNoEnglish(page, 'Settings, every section open');
});
