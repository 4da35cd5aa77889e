import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseCompile } from '@intlify/message-compiler';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { IDENTITY_REASONS } from '../../electron/core/contract/subscriber-types.js';
import { ERROR_CODES } from '../../renderer/src/errors/error-key.js';
import { mergeLocaleModules, type LocaleMessages } from '../../renderer/src/i18n/merge-locales.js';
import { PLURAL_FORMS, pluralIndex } from '../../renderer/src/i18n/plural.js';
import { ACTION_PLANS } from '../../renderer/src/notices/action-plans.js';
import { englishWords } from '../support/english-words.js';
import { leaves } from '../support/locale-leaves.js';

const LOCALES_DIR = fileURLToPath(new URL('../../renderer/src/locales/', import.meta.url));
const LANGUAGES = ['en', 'uk'] as const;

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

// Every locale file, the wizard's included, loaded the way the app merges them.
let messages: Record<string, LocaleMessages>;
let byLanguage: Record<(typeof LANGUAGES)[number], Map<string, string>>;

beforeAll(async () => {
  const modules: Record<string, { default: LocaleMessages }> = {};
  for (const language of readdirSync(LOCALES_DIR)) {
    for (const file of readdirSync(`${LOCALES_DIR}${language}`).filter((name) => name.endsWith('.ts'))) {
      modules[`./locales/${language}/${file}`] = (await import(`${LOCALES_DIR}${language}/${file}`)) as { default: LocaleMessages };
    }
  }
  messages = mergeLocaleModules(modules);
  byLanguage = { en: leaves(messages.en), uk: leaves(messages.uk) };
});

describe('mergeLocaleModules', () => {
  it('makes each file a namespace of its language', () => {
    const merged = mergeLocaleModules({
      './locales/en/home.ts': { default: { title: 'Home' } },
      './locales/uk/home.ts': { default: { title: 'Головна' } },
      '../locales/en/setup.ts': { default: { title: 'Setup' } },
    });
    expect(merged).toEqual({ en: { home: { title: 'Home' }, setup: { title: 'Setup' } }, uk: { home: { title: 'Головна' } } });
  });

  it('refuses a path that is not locale/file.ts', () => {
    expect(() => mergeLocaleModules({ 'home.ts': { default: {} } })).toThrow(/Not a locale file/);
  });
});

describe('locale files', () => {
  it('exist for exactly English and Ukrainian, with the same files', () => {
    expect(Object.keys(messages).sort()).toEqual(['en', 'uk']);
    expect(Object.keys(messages.uk).sort()).toEqual(Object.keys(messages.en).sort());
    expect(Object.keys(messages.en)).toEqual(expect.arrayContaining(['common', 'status', 'home', 'subscribers', 'failures', 'settings']));
  });

  it('have every English key in Ukrainian and every Ukrainian key in English', () => {
    const missingInUk = [...byLanguage.en.keys()].filter((key) => !byLanguage.uk.has(key));
    const missingInEn = [...byLanguage.uk.keys()].filter((key) => !byLanguage.en.has(key));
    expect(missingInUk).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it('leave no text empty and use the same placeholders in both languages', () => {
    for (const [key, en] of byLanguage.en) {
      const uk = byLanguage.uk.get(key) ?? '';
      expect(en.trim(), `en ${key}`).not.toBe('');
      expect(uk.trim(), `uk ${key}`).not.toBe('');
      expect(placeholders(uk), key).toEqual(placeholders(en));
    }
  });

  it('all compile as vue-i18n messages (a bare @ or a stray brace would break them)', () => {
    for (const language of LANGUAGES) {
      for (const [key, source] of byLanguage[language]) {
        const errors: string[] = [];
        baseCompile(source, { onError: (error) => errors.push(error.message) });
        expect(errors, `${language} ${key}: ${source}`).toEqual([]);
      }
    }
  });

  it('leave no English in a Ukrainian text', () => {
    const english = [...byLanguage.uk].flatMap(([key, text]) => {
      const words = englishWords(text);
      return words.length ? [`${key}: ${words.join(', ')}`] : [];
    });
    expect(english).toEqual([]);
  });

  it('speak of a subscriber in Ukrainian without assuming a gender', () => {
    // Past tense and participles agree with a person's gender; the texts use "людина", the act or the state instead.
    const masculine = /(?<![а-яіїєґ’'])(підписаний|підписався|відписався|прийшов|натиснув|поділився|вказав|ввів|заблокував|розблокував|видалив)(?![а-яіїєґ’'])/iu;
    const found = [...byLanguage.uk].filter(([, text]) => masculine.test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it('give counting sentences the plural forms each language has', () => {
    for (const [key, en] of byLanguage.en) {
      const uk = byLanguage.uk.get(key) ?? '';
      if (!en.includes('|') && !uk.includes('|')) continue;
      expect(en.split('|').length, `en ${key}`).toBe(PLURAL_FORMS.en.length);
      expect(uk.split('|').length, `uk ${key}`).toBe(PLURAL_FORMS.uk.length);
    }
  });
});

describe('englishWords', () => {
  it('finds Latin words outside names, technical tokens and quoted literals', () => {
    expect(englishWords('Показати 3 entries, Username і ще раз entries')).toEqual(['entries', 'Username']);
    expect(englishWords('Він має вигляд 123456789:ABC… У Yespo: Settings')).toEqual(['Settings']);
  });

  it('lets through products, placeholders, addresses, commands, IDs and a quoted literal', () => {
    const text =
      "Telegram Connector for Yespo: {count} у {'@'}BotFather, /mybots → API Token, https://t.me/shop_bot?start=x, app_uuid, crm-42, «login», ID чату, Start, olena@example.com, ключ …BWoi";
    expect(englishWords(text)).toEqual([]);
  });

  it('takes extra allowed words, such as a test’s own names', () => {
    expect(englishWords('Olena Koval підписалася', ['olena'])).toEqual(['Koval']);
  });
});

describe('texts the screens look up by code', () => {
  const codes = {
    'common.errors': Object.keys(ERROR_CODES),
    'status.actions': Object.keys(ACTION_PLANS),
    'status.done': Object.entries(ACTION_PLANS).flatMap(([, plan]) => (plan.kind === 'call' ? [plan.doneKey.split('.').pop() ?? ''] : [])),
    'status.keychainHelp': ['win32', 'darwin', 'linux', 'other'],
    'subscribers.identityReason': [...IDENTITY_REASONS],
    'subscribers.detail': ['identityReason'],
    'setup.subscribers': ['askWait'],
    'settings.messages': ['waitMinutes', 'waitHint', 'waitInvalid'],
  };

  it('exist for every code in both languages', () => {
    for (const language of LANGUAGES) {
      for (const [prefix, list] of Object.entries(codes)) {
        for (const code of list) expect(byLanguage[language].has(`${prefix}.${code}`), `${language} ${prefix}.${code}`).toBe(true);
      }
    }
  });
});

describe('rendered with the app’s plural rules', () => {
  function i18n() {
    return createI18n({
      legacy: false,
      locale: 'en',
      messages,
      pluralRules: { en: (n: number, forms: number) => pluralIndex('en', n, forms), uk: (n: number, forms: number) => pluralIndex('uk', n, forms) },
    });
  }

  it('count subscribers correctly in Ukrainian', () => {
    const { global } = i18n();
    global.locale.value = 'uk';
    const total = (n: number) => global.t('subscribers.total', { count: String(n) }, n);
    expect([1, 3, 5, 21, 1234].map(total)).toEqual(['1 підписник', '3 підписники', '5 підписників', '21 підписник', '1234 підписники']);
  });

  it('say the sentence from the table when pushes wait', () => {
    const { global } = i18n();
    expect(global.t('status.notices.pushes-waiting', { pending: '37' }, 37)).toBe(
      'Yespo is not reachable right now. 37 subscribers are saved and will be sent automatically.',
    );
    expect(global.t('status.notices.pushes-waiting', { pending: '1' }, 1)).toContain('1 subscriber is saved');
  });

  it('write a literal @ before BotFather', () => {
    const { global } = i18n();
    expect(global.t('status.notices.token-rejected')).toContain('@BotFather');
    global.locale.value = 'uk';
    expect(global.t('common.errors.token_format')).toContain('@BotFather');
  });
});
