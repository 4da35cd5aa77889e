import type { Locator } from '@playwright/test';
import { expect, test } from './support/wizard-fixtures.js';
import { WizardPage } from './support/wizard-page.js';
import { passStep, type EarlierStep } from './support/wizard-walk.js';

/**
 * On screen as she sees it, without scrolling: wholly inside the window (no scrolling pane cuts it
 * off) and the topmost thing at its centre, so nothing sticky covers it.
 */
async function expectOnScreen(button: Locator): Promise<void> {
  await expect(button).toBeInViewport({ ratio: 1 });
  const onTop = await button.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const doc = (el as unknown as { ownerDocument: { elementFromPoint(x: number, y: number): unknown } }).ownerDocument;
    const hit = doc.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && el.contains(hit as typeof el);
  });
  expect(onTop, 'nothing covers the button').toBe(true);
}

test.use({ viewport: { width: 1280, height: 720 } });

test('at 1280×720 the primary button of every step is on screen, unscrolled, once the step’s check has succeeded', async ({ page, shell, telegram, yespo }) => {
  test.setTimeout(90_000);
  const wizard = new WizardPage(page);
  await wizard.open(shell);
  const walk = { telegram, yespo, botPath: 'new' as const };

  for (const step of ['welcome', 'bot', 'yespo-bot', 'api-key', 'subscribers'] satisfies EarlierStep[]) {
    await wizard.expectStep(step);
    await passStep(wizard, step, walk);
    await expect(wizard.next, step).toBeEnabled();
    await expectOnScreen(wizard.next);
    await wizard.pressOn(wizard.next);
  }

  await wizard.expectStep('live-test');
  telegram.start(telegram.user(undefined, { first_name: 'Olena' }));
  await expect(wizard.byTestId('live-test-synced')).toBeVisible();
  await expect(wizard.finish).toBeEnabled();
  await expectOnScreen(wizard.finish);
});
