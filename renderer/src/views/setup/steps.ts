/** The wizard's route through the setup steps, and when each one lets the operator move on. */
import { SETUP_STEPS, type SetupState, type SetupStep } from '../../../../electron/core/contract/types.js';

/** 'done' is the engine's mark for a finished setup, not a screen. */
export type WizardStep = Exclude<SetupStep, 'done'>;

export const WIZARD_STEPS: readonly WizardStep[] = SETUP_STEPS.filter((s): s is WizardStep => s !== 'done');

/** Steps that ask for a secret: the keychain must work before the operator types one. */
export const KEYCHAIN_STEPS: readonly WizardStep[] = ['welcome', 'bot', 'api-key'];

/** Each screen's texts live under `setup.<key>`; the step names have dashes, message keys do not. */
export const STEP_TEXTS: Readonly<Record<WizardStep, string>> = {
  welcome: 'welcome',
  bot: 'bot',
  'yespo-bot': 'yespoBot',
  'api-key': 'apiKey',
  subscribers: 'subscribers',
  'live-test': 'liveTest',
};

export function isWizardStep(value: unknown): value is WizardStep {
  return typeof value === 'string' && (WIZARD_STEPS as readonly string[]).includes(value);
}

/** What the engine already holds is enough: a saved bot needs no retyping after a restart. */
export function stepSatisfied(step: WizardStep, state: SetupState): boolean {
  switch (step) {
    case 'welcome':
      return state.keychain.ok;
    case 'bot':
      // While a webhook is set the bot's messages go elsewhere, so this app would never see a subscriber.
      return state.bot !== null && state.secrets.botToken.set && state.webhook === null;
    case 'yespo-bot':
      return state.appUuid !== null;
    case 'api-key':
      return state.secrets.apiKey.set && state.yespo !== null;
    case 'subscribers':
    case 'live-test':
      return true;
  }
}

/** A step asked for in the address (`?step=bot` from Settings) wins; otherwise resume where she left. */
export function startStep(state: SetupState, requested: unknown): WizardStep {
  const asked = Array.isArray(requested) ? requested[0] : requested;
  if (isWizardStep(asked)) return asked;
  return isWizardStep(state.step) ? state.step : 'welcome';
}

export function nextStep(step: WizardStep): WizardStep | null {
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1] ?? null;
}

export function previousStep(step: WizardStep): WizardStep | null {
  const index = WIZARD_STEPS.indexOf(step);
  return index > 0 ? WIZARD_STEPS[index - 1] : null;
}

export type KeychainPlatform = 'windows' | 'macos' | 'linux';

/** `platform` is Node's `process.platform`; anything not Windows or macOS uses a Secret Service. */
export function keychainPlatform(platform: string): KeychainPlatform {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}
