/** Walks the wizard's earlier steps by keyboard, for tests about a later one. */
import { expect } from '@playwright/test';
import type { FakeTelegram } from '../../fakes/telegram/server.js';
import type { FakeYespo } from '../../fakes/yespo/server.js';
import type { WizardPage, WizardStepName } from './wizard-page.js';

export interface Walk {
  telegram: FakeTelegram;
  yespo: FakeYespo;
  botPath?: 'new' | 'existing';
  /** The bot ID to give instead of the fake's registered one. */
  appUuid?: string;
}

const PATH_LABEL = { new: 'No, I’ll create one now', existing: 'Yes, I’ll use my bot' } as const;

/** Pastes `value` into the step's (focused) field, presses Enter to check it and waits for `found`. */
async function checkField(wizard: WizardPage, field: string, value: string, found: string): Promise<void> {
  await wizard.expectFocus(wizard.byTestId(field));
  await wizard.paste(value);
  await wizard.press('Enter');
  await expect(wizard.byTestId(found)).toBeVisible();
}

export type EarlierStep = Exclude<WizardStepName, 'live-test'>;

const PASS: Record<EarlierStep, (wizard: WizardPage, walk: Walk) => Promise<void>> = {
  async welcome(wizard) {
    await expect(wizard.byTestId('keychain-ok')).toBeVisible();
  },
  async bot(wizard, { telegram, botPath = 'new' }) {
    await wizard.pressOn(wizard.page.getByRole('radio', { name: PATH_LABEL[botPath] }), 'Space');
    await wizard.byTestId('bot-token-input').focus();
    await checkField(wizard, 'bot-token-input', telegram.token, 'bot-found');
  },
  async 'yespo-bot'(wizard, { yespo, appUuid = yespo.appUuid }) {
    await checkField(wizard, 'app-uuid-input', appUuid, 'app-uuid-saved');
  },
  async 'api-key'(wizard, { yespo }) {
    await checkField(wizard, 'api-key-input', yespo.apiKey, 'yespo-org');
  },
  async subscribers(wizard) {
    await expect(wizard.byTestId('welcome-text-en')).toBeFocused();
  },
};

/** Does `step` the plain way, its live check included, and leaves its screen on show. */
export async function passStep(wizard: WizardPage, step: EarlierStep, walk: Walk): Promise<void> {
  await PASS[step](wizard, walk);
}

const EARLIER: EarlierStep[] = ['welcome', 'bot', 'yespo-bot', 'api-key', 'subscribers'];

/** From the welcome screen to `target`, each step done the plain way; ends with `target` on screen. */
export async function walkTo(wizard: WizardPage, target: WizardStepName, walk: Walk): Promise<void> {
  const before = target === 'live-test' ? EARLIER : EARLIER.slice(0, EARLIER.indexOf(target));
  for (const step of before) {
    await wizard.expectStep(step);
    await PASS[step](wizard, walk);
    await wizard.pressOn(wizard.next);
  }
  await wizard.expectStep(target);
}
