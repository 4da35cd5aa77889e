import { describe, expect, it } from 'vitest';
import type { SetupState } from '../../electron/core/contract/types.js';
import { EMPTY_SETUP } from '../../electron/core/setup/checks.js';
import { errorTextKey } from '../../renderer/src/views/setup/error-text.js';
import {
  WIZARD_STEPS,
  isWizardStep,
  keychainPlatform,
  nextStep,
  previousStep,
  startStep,
  stepSatisfied,
} from '../../renderer/src/views/setup/steps.js';

function state(patch: Partial<SetupState> = {}): SetupState {
  return {
    ...EMPTY_SETUP,
    secrets: { botToken: { set: false }, apiKey: { set: false } },
    keychain: { ok: true, platform: 'linux', source: 'keychain' },
    ...patch,
  };
}

const bot = { id: 1, username: 'flowers_bot', name: 'Flowers' };

describe('the wizard route', () => {
  it('has every screen but the engine-only "done" mark, in order', () => {
    expect(WIZARD_STEPS).toEqual(['welcome', 'bot', 'yespo-bot', 'api-key', 'subscribers', 'live-test']);
    expect(isWizardStep('done')).toBe(false);
    expect(isWizardStep('bot')).toBe(true);
    expect(isWizardStep(undefined)).toBe(false);
  });

  it('moves forward and back, stopping at both ends', () => {
    expect(nextStep('welcome')).toBe('bot');
    expect(nextStep('subscribers')).toBe('live-test');
    expect(nextStep('live-test')).toBeNull();
    expect(previousStep('bot')).toBe('welcome');
    expect(previousStep('welcome')).toBeNull();
  });

  it('resumes at the saved step, or the step asked for in the address', () => {
    expect(startStep(state({ step: 'api-key' }), undefined)).toBe('api-key');
    expect(startStep(state({ step: 'api-key' }), 'bot')).toBe('bot');
    expect(startStep(state({ step: 'api-key' }), ['yespo-bot'])).toBe('yespo-bot');
    expect(startStep(state({ step: 'api-key' }), 'nonsense')).toBe('api-key');
    expect(startStep(state({ step: 'done', complete: true }), undefined)).toBe('welcome');
  });
});

describe('stepSatisfied', () => {
  it('needs a working keychain to leave the welcome screen', () => {
    expect(stepSatisfied('welcome', state())).toBe(true);
    expect(stepSatisfied('welcome', state({ keychain: { ok: false, platform: 'linux', source: 'keychain', problem: 'locked' } }))).toBe(false);
  });

  it('counts a bot saved earlier, without retyping the token', () => {
    expect(stepSatisfied('bot', state())).toBe(false);
    expect(stepSatisfied('bot', state({ bot }))).toBe(false);
    expect(stepSatisfied('bot', state({ bot, secrets: { botToken: { set: true, hint: '…x7Qa' }, apiKey: { set: false } } }))).toBe(true);
  });

  it('holds the bot step while another service still receives its messages', () => {
    const saved = { bot, secrets: { botToken: { set: true }, apiKey: { set: false } } };
    expect(stepSatisfied('bot', state({ ...saved, webhook: { url: 'https://x.example/hook', pendingUpdateCount: 3 } }))).toBe(false);
  });

  it('needs the app_uuid, then a checked API key', () => {
    expect(stepSatisfied('yespo-bot', state())).toBe(false);
    expect(stepSatisfied('yespo-bot', state({ appUuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }))).toBe(true);
    expect(stepSatisfied('api-key', state({ secrets: { botToken: { set: true }, apiKey: { set: true } } }))).toBe(false);
    expect(
      stepSatisfied(
        'api-key',
        state({ secrets: { botToken: { set: true }, apiKey: { set: true } }, yespo: { organisationName: 'Flowers', userEmail: 'o@x.ua' } }),
      ),
    ).toBe(true);
  });

  it('leaves the settings and live test steps to their screens', () => {
    expect(stepSatisfied('subscribers', state())).toBe(true);
    expect(stepSatisfied('live-test', state())).toBe(true);
  });
});

describe('keychainPlatform', () => {
  it('maps Node platforms to the help the operator needs', () => {
    expect(keychainPlatform('win32')).toBe('windows');
    expect(keychainPlatform('darwin')).toBe('macos');
    expect(keychainPlatform('linux')).toBe('linux');
    expect(keychainPlatform('freebsd')).toBe('linux');
  });
});

describe('errorTextKey', () => {
  it('explains known codes by themselves', () => {
    expect(errorTextKey('token_rejected')).toBe('token_rejected');
    expect(errorTextKey('api_key_rejected', 'apiKey')).toBe('api_key_rejected');
    expect(errorTextKey('keychain_unavailable', 'token')).toBe('keychain_unavailable');
  });

  it("turns a refused argument into the field's format problem", () => {
    expect(errorTextKey('invalid_argument', 'token')).toBe('token_format');
    expect(errorTextKey('invalid_argument', 'appUuid')).toBe('app_uuid_format');
    expect(errorTextKey('invalid_argument', 'apiKey')).toBe('api_key_format');
    expect(errorTextKey('invalid_argument')).toBe('invalid_argument');
  });

  it('falls back to the general explanation', () => {
    expect(errorTextKey('unknown_method')).toBe('internal');
    expect(errorTextKey('forbidden')).toBe('internal');
  });
});
