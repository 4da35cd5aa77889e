import { createHmac } from 'node:crypto';
import { signPayload } from '../../electron/core/links/signing.js';
import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

withBot('Settings makes a personal link signed with the key the web developer is shown', async ({ page, headlessShell }) => {
  await page.goto(headlessShell.link);
  await expect(page.getByRole('status')).toContainText('@corner_shop_bot');
  await page.getByRole('link', { name: 'Settings' }).click();

  await expect(page.getByTestId('website-link')).toHaveValue('https://t.me/corner_shop_bot?start=website');

  const input = page.getByTestId('customer-link-input');
  const make = page.getByTestId('customer-link-make');
  await expect(make).toBeDisabled();
  await input.fill('x'.repeat(35));
  await expect(make).toBeDisabled();
  await expect(page.getByText('Use at most 34 characters')).toBeVisible();
  await input.fill('crm-42');
  await make.click();
  const customerLink = page.getByTestId('customer-link');
  await expect(customerLink).toHaveValue(/^https:\/\/t\.me\/corner_shop_bot\?start=se/);
  await expect(page.getByText('Personal link for customer crm-42')).toBeVisible();

  await expect(page.getByTestId('link-key')).toHaveCount(0);
  await page.getByTestId('link-key-reveal').click();
  const key = await page.getByTestId('link-key').inputValue();
  expect(key.length).toBeGreaterThanOrEqual(32);

  const url = new URL(await customerLink.inputValue());
  const payload = url.searchParams.get('start');
  expect(payload).toBe(signPayload(key, 'externalCustomerId', 'crm-42'));
  // The one-line format the page shows the developer, computed by hand as README's snippets do.
  const sig = createHmac('sha256', key).update('e:crm-42').digest().subarray(0, 12).toString('base64url');
  expect(payload).toBe(`se${Buffer.from('crm-42').toString('base64url')}${sig}`);
  await expect(page.getByText('se + base64url(id) + base64url(HMAC-SHA256(key, "e:" + id)[0..12])')).toBeVisible();
});
