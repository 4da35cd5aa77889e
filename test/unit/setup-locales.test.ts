import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../../renderer/src/locales/en/setup.js';
import uk from '../../renderer/src/locales/uk/setup.js';
import { EXPLAINED_ERRORS } from '../../renderer/src/views/setup/error-text.js';
import { STEP_TEXTS, WIZARD_STEPS } from '../../renderer/src/views/setup/steps.js';
import {
  API_KEY_PROBLEMS,
  APP_UUID_PROBLEMS,
  BOT_TOKEN_PROBLEMS,
  CUSTOMER_ID_PROBLEMS,
  ID_PREFIX_PROBLEMS,
} from '../../electron/core/contract/input.js';
import type { LocaleMessages } from '../../renderer/src/i18n/merge-locales.js';
import { leaves } from '../support/locale-leaves.js';

const locales = { en: en as LocaleMessages, uk: uk as LocaleMessages };
const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { setup: en }, uk: { setup: uk } } });

function render(locale: 'en' | 'uk', key: string, source: string): string {
  const params = Object.fromEntries([...source.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `<${m[1]}>`]));
  i18n.global.locale.value = locale;
  return i18n.global.t(`setup.${key}`, params);
}

// Shown only when the field is empty, which the wizard treats as "nothing to say yet".
const SILENT = new Set(['empty']);

const DYNAMIC_KEYS = [
  ...WIZARD_STEPS.map((s) => `progress.${s}`),
  ...EXPLAINED_ERRORS.map((c) => `errors.${c}`),
  ...BOT_TOKEN_PROBLEMS.filter((p) => !SILENT.has(p)).map((p) => `bot.problem.${p}`),
  ...APP_UUID_PROBLEMS.filter((p) => !SILENT.has(p)).map((p) => `yespoBot.problem.${p}`),
  ...API_KEY_PROBLEMS.filter((p) => !SILENT.has(p)).map((p) => `apiKey.problem.${p}`),
  ...ID_PREFIX_PROBLEMS.map((p) => `subscribers.prefixProblem.${p}`),
  ...CUSTOMER_ID_PROBLEMS.filter((p) => !SILENT.has(p)).map((p) => `subscribers.customerProblem.${p}`),
  ...['windows', 'macos', 'linux'].map((p) => `keychain.${p}`),
  ...Object.values(STEP_TEXTS).map((k) => `${k}.title`),
  ...['connecting', 'tokenRejected', 'webhookSet', 'conflict', 'unreachable'].map((k) => `liveTest.bot.${k}`),
];

describe('setup texts', () => {
  it('exist in English and Ukrainian with the same keys', () => {
    expect([...leaves(locales.uk).keys()].sort()).toEqual([...leaves(locales.en).keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    const ukLeaves = leaves(locales.uk);
    for (const [key, source] of leaves(locales.en)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ukLeaves.get(key) ?? ''), key).toEqual(names(source));
    }
  });

  it('all compile and render without leftover syntax', () => {
    for (const locale of ['en', 'uk'] as const) {
      for (const [key, source] of leaves(locales[locale])) {
        expect(source, `${locale} ${key} has a plural separator`).not.toContain('|');
        const text = render(locale, key, source);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text.length, `${locale} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('write a literal @ where a bot is named', () => {
    expect(render('en', 'bot.openBotFather', '')).toBe('Open @BotFather');
    expect(render('uk', 'errors.token_rejected', '')).toContain('@BotFather');
  });

  it('cover every key the wizard builds from a step, an error code or a problem id', () => {
    for (const locale of ['en', 'uk'] as const) {
      const keys = leaves(locales[locale]);
      for (const key of DYNAMIC_KEYS) expect(keys.has(key), `${locale} ${key}`).toBe(true);
    }
  });
});
