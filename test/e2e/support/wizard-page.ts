/** The setup wizard as a keyboard user meets it: fields that take the focus, pastes, Enter to go on. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import type { HeadlessShell } from '../fixtures/headless.js';

// The README's pictures are refreshed on request (`UPDATE_SCREENSHOTS=1 npm test`); other runs keep
// theirs under .tmp, so running the tests leaves the checkout as it was.
const SCREENSHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../../docs/screenshots/' : '../../../.tmp/screenshots/', import.meta.url));

/**
 * The browser globals the in-page functions below use: the Node side type-checks without the DOM types.
 * The cast is written inside each function, because Playwright sends only the function's own text.
 */
interface PageGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
  document: { fonts: { ready: Promise<unknown> } };
}

/** How much taller the tallest scrolling pane is than its window: the app scrolls there, not in the document. */
const HIDDEN_HEIGHT = `Math.max(0, ...[...document.querySelectorAll('*')]
  .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
  .map((el) => el.scrollHeight - el.clientHeight))`;

export type WizardStepName = 'welcome' | 'bot' | 'yespo-bot' | 'api-key' | 'subscribers' | 'live-test';

export class WizardPage {
  readonly next: Locator;
  readonly back: Locator;
  readonly finish: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.next = page.getByTestId('setup-next');
    this.back = page.getByTestId('setup-back');
    this.finish = page.getByTestId('setup-finish');
    this.error = page.getByTestId('error-message');
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Opens the shell's link; until setup is complete every address leads to the wizard. */
  async open(shell: HeadlessShell): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
    await this.page.goto(shell.link);
    await expect(this.page.getByTestId('setup')).toBeVisible();
  }

  async expectStep(step: WizardStepName): Promise<void> {
    await expect(this.page.getByTestId(`setup-step-${step}`)).toBeVisible();
  }

  /** The element the keyboard is on must be `locator`: where a screen puts the focus is part of its design. */
  async expectFocus(locator: Locator): Promise<void> {
    await expect(locator).toBeFocused();
  }

  /**
   * Puts `text` on the clipboard and pastes it with Ctrl+V into the focused field, as she does when she
   * copies from Telegram or Yespo.
   */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((value) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(value), text);
    const focused = this.page.locator('*:focus');
    const before = await focused.inputValue();
    await this.page.keyboard.press('ControlOrMeta+V');
    // Chromium inserts the clipboard's text a moment after the key press: a key pressed next must not overtake it.
    await expect(focused).not.toHaveValue(before);
  }

  async clipboardText(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
  }

  /** Empties the focused field from the keyboard. */
  async clearField(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Moves the keyboard to `locator` and presses `key` there (Space on a radio or a switch, Enter on a button). */
  async pressOn(locator: Locator, key = 'Enter'): Promise<void> {
    await locator.focus();
    await this.page.keyboard.press(key);
  }

  /**
   * `<name>.png` in the screenshots folder: the 1280×720 window, made taller for the moment when the screen
   * scrolls, so the picture shows the whole step down to its buttons.
   */
  async screenshot(name: string): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1280, height: 720 };
    const hidden = await this.page.evaluate<number>(HIDDEN_HEIGHT);
    await this.page.setViewportSize({ width: size.width, height: size.height + hidden });
    try {
      await this.page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
      await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
    } finally {
      await this.page.setViewportSize(size);
    }
  }
}
