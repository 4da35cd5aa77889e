import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { seedStore } from '../bench/seed.js';
import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';

const SEEDED = 3_000;

/** The bot of `withBot`, with a long history already stored: 3,000 subscribers, one a minute. */
const test = withBot.extend<{ seededDir: string }>({
  seededDir: async ({ telegram, yespo }, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tcy-e2e-table-'));
    await seedStore(path.join(dir, 'store'), { count: SEEDED, botId: telegram.botId, botUsername: telegram.botUsername, apiRoot: telegram.url, appUuid: yespo.appUuid });
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  headlessOptions: async ({ telegram, yespo, seededDir }, use) => {
    await use({
      dataDir: seededDir,
      env: { TELEGRAM_BOT_TOKEN: telegram.token, YESPO_API_KEY: yespo.apiKey, YESPO_APP_UUID: yespo.appUuid },
      args: ['--telegram-api-root', telegram.url, '--yespo-api-root', yespo.url],
    });
  },
});

async function openSubscribers(page: Page, link: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(link);
  await page.getByRole('link', { name: 'Subscribers' }).click();
  await expect(page.getByTestId('subscriber-total')).toHaveText('3,000 subscribers');
}

/** The seed's subscriber j is named `Seed{j}`; the newest (the default order) is the last one seeded. */
const seedName = (j: number): RegExp => new RegExp(`^Seed${j}( |$)`);

const focusedRow = (page: Page) => page.locator('[role="row"]:focus');

/** naive-ui's select menu gives its options no role, so they are found by class and text. */
async function chooseSource(page: Page, name: string | RegExp): Promise<void> {
  await page.getByTestId('source-filter').click();
  await page.locator('.n-base-select-option', { hasText: name }).click();
}

test('the table is walked by keyboard past the first screen, and a row’s details open and close back to it', async ({ page, headlessShell }) => {
  await openSubscribers(page, headlessShell.link);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', String(SEEDED + 1));

  await page.getByRole('row').nth(1).focus();
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  // Row 31 of the newest-first order lies below the first screen at 720 px.
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '32');
  await expect(focusedRow(page).getByRole('gridcell').first()).toHaveText(seedName(SEEDED - 1 - 30));
  await expect(focusedRow(page)).toBeInViewport();

  await page.keyboard.press('PageDown');
  const afterPage = Number(await focusedRow(page).getAttribute('aria-rowindex'));
  expect(afterPage).toBeGreaterThan(32 + 5);

  await page.keyboard.press('End');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEEDED + 1));
  await expect(focusedRow(page)).toBeInViewport();
  // The last page is fetched where the list stopped: the oldest subscriber, Seed0.
  await expect(focusedRow(page).getByRole('gridcell').first()).toHaveText(seedName(0));

  await page.keyboard.press('ArrowUp');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEEDED));
  await expect(focusedRow(page).getByRole('gridcell').first()).toHaveText(seedName(1));

  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('1000000001');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEEDED));

  await page.keyboard.press('Home');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  await expect(focusedRow(page).getByRole('gridcell').first()).toHaveText(seedName(SEEDED - 1));
});

test('a column header sorts by keyboard, and the phone and email columns show', async ({ page, headlessShell }) => {
  await openSubscribers(page, headlessShell.link);
  const headers = page.getByRole('columnheader');
  await expect(headers).toHaveText(['Name', 'Username', 'Phone', 'Email', 'Came from', 'Subscription', 'Yespo', 'Subscribed', 'Last pressed Start'].map((h) => new RegExp(`^${h}`)));
  await expect(page.getByRole('columnheader', { name: /^Subscribed/ })).toHaveAttribute('aria-sort', 'descending');

  // Seed 2999 is the newest; 2996 (j % 5 = 1) has a phone, 2998 (j % 7 = 2) an email.
  const row = (j: number) => page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: seedName(j) }) });
  await expect(row(2996).getByRole('gridcell').nth(2)).toHaveText('+380 50 100 29 96');
  await expect(row(2998).getByRole('gridcell').nth(3)).toHaveText('seed2998@example.com');

  const sortByStart = page.getByRole('button', { name: /^Subscribed/ });
  await sortByStart.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /^Subscribed/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(seedName(0));

  const byLastStart = page.getByRole('button', { name: /^Last pressed Start/ });
  await byLastStart.focus();
  await page.keyboard.press(' ');
  await expect(page.getByRole('columnheader', { name: /^Last pressed Start/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('columnheader', { name: /^Subscribed/ })).toHaveAttribute('aria-sort', 'none');
  await expect(page.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(seedName(SEEDED - 1));
});

test('the source and date filters narrow the rows and the total', async ({ page, headlessShell }) => {
  await openSubscribers(page, headlessShell.link);

  // One in ten came from instagram (j % 10 = 0), 3000 / 10.
  await chooseSource(page, 'Source: instagram (300)');
  await expect(page.getByTestId('subscriber-total')).toHaveText('300 subscribers');
  await expect(page.getByRole('row').nth(1).getByRole('gridcell').nth(4)).toHaveText('Source: instagram');

  await chooseSource(page, /^No source/);
  await expect(page.getByTestId('subscriber-total')).toHaveText('2,580 subscribers');

  await chooseSource(page, 'Any source');
  await expect(page.getByTestId('subscriber-total')).toHaveText('3,000 subscribers');

  // Subscriber j joined j minutes after the first: the first local day of the seed holds fewer than all.
  const firstDay = await page.evaluate(() => {
    const d = new Date(Date.now() - 200 * 24 * 3_600_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const picker = page.getByTestId('joined-filter');
  await picker.getByPlaceholder('First day').fill(firstDay);
  await picker.getByPlaceholder('Last day').fill(firstDay);
  await picker.getByPlaceholder('Last day').press('Enter');
  const total = page.getByTestId('subscriber-total');
  await expect(total).not.toHaveText('3,000 subscribers');
  const shown = Number((await total.textContent())!.replace(/\D/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(24 * 60);
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(shown + 1));
});
