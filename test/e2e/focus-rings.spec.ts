import { withBot } from './fixtures/bot-from-environment.js';
import { expect } from './fixtures/headless.js';
import { focusedRing, tabAndMeasure, type FocusRing } from './support/focus-ring.js';

/** WCAG's minimum for a focus indicator against what surrounds it (non-text contrast). */
const MIN_CONTRAST = 3;

const faint = (rings: FocusRing[]) => rings.filter((r) => r.ring === null || r.contrast < MIN_CONTRAST);

for (const colorScheme of ['light', 'dark'] as const) {
  withBot.describe(`in the ${colorScheme} theme`, () => {
    withBot.use({ colorScheme, viewport: { width: 1280, height: 720 } });

    withBot('every element the keyboard reaches shows a focus ring that stands out: sidebar, Settings, a wizard step', async ({ page, headlessShell }) => {
      await page.goto(headlessShell.link);
      await expect(page.getByRole('status')).toContainText('@corner_shop_bot');

      // The sidebar: its first link, then on through the others.
      await page.getByRole('link', { name: 'Home' }).focus();
      const sidebar = [(await focusedRing(page)) as FocusRing, ...(await tabAndMeasure(page, 3))];
      expect(sidebar.map((r) => r.element)).toEqual(['a "Home"', 'a "Subscribers"', 'a "Delivery failures"', 'a "Settings"']);
      expect.soft(faint(sidebar)).toEqual([]);

      // Settings: from its link through the page's switches, fields, toggles and buttons.
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('website-link')).toBeVisible();
      const settings = await tabAndMeasure(page, 30);
      expect(new Set(settings.map((r) => r.element)).size, 'Tab moves through many elements').toBeGreaterThan(15);
      expect.soft(faint(settings)).toEqual([]);

      // A wizard step opened from Settings: the choice, the field, the links and the buttons.
      await page.goto(`${headlessShell.origin}/#/setup?step=yespo-bot`);
      await expect(page.getByTestId('setup-step-yespo-bot')).toBeVisible();
      await page.getByRole('link', { name: 'Home' }).focus();
      const wizard = await tabAndMeasure(page, 12);
      expect(wizard.some((r) => r.element.includes('app-uuid-input'))).toBe(true);
      expect.soft(faint(wizard)).toEqual([]);
    });
  });
}
