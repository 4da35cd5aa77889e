import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Subscriber, SubscriberPage } from '../../electron/core/contract/types.js';
import { seedStore } from '../bench/seed.js';
import { addAwkwardSubscribers, csvRows, ENGLISH_LABELS, expectedCells } from '../support/export-expectations.js';
import { expect, startHeadless, test } from './fixtures/headless.js';

const BOT = 5_550_002;
const SEEDED = 10_000;

// Times in the file are the browser's local times: UTC here, so the expectations can write them out.
test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('exporting 10,000 subscribers downloads a CSV that matches the table cell by cell, with a progress bar meanwhile', async ({ page }) => {
  test.setTimeout(60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tcy-e2e-export-'));
  const storeDir = path.join(dataDir, 'store');
  await seedStore(storeDir, { count: SEEDED, botId: BOT, botUsername: 'corner_shop_bot', apiRoot: 'http://127.0.0.1:9', appUuid: '00000000-0000-4000-8000-000000000002' });
  await addAwkwardSubscribers(storeDir, BOT);
  const shell = await startHeadless({ dataDir });
  try {
    await page.goto(shell.link);
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await expect(page.getByTestId('subscriber-total')).toHaveText('10,003 subscribers');

    // The download is held until the progress bar has been seen: on this machine it is over in a blink.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/downloads/*', async (route) => {
      await held;
      await route.continue();
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to CSV' }).click();
    await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    release();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^subscribers-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByText('Exported 10,003 subscribers.')).toBeVisible();
    await expect(page.getByTestId('export-progress')).toBeHidden();

    // What the table shows, in its order, read through the same API the table uses.
    const rows: Subscriber[] = [];
    while (rows.length < SEEDED + 3) {
      const answer = await page.request.post(`${shell.origin}/api/querySubscribers`, { data: { offset: rows.length, limit: 1000 } });
      const page_ = ((await answer.json()) as { value: SubscriberPage }).value;
      rows.push(...page_.rows);
      if (page_.rows.length === 0) break;
    }
    const [header, ...cells] = csvRows(readFileSync(await file.path(), 'utf8'));
    expect(header).toEqual(Object.values(ENGLISH_LABELS.columns));
    expect(cells).toHaveLength(SEEDED + 3);
    // One comparison of every cell: one expect per row would be 10,000 steps in the trace.
    expect(cells).toEqual(rows.map((row) => expectedCells(row)));
  } finally {
    await shell.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
