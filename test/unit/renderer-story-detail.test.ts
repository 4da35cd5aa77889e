import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { SubscriberEvent } from '../../electron/core/contract/types.js';
import { pluralIndex } from '../../renderer/src/i18n/plural.js';
import en from '../../renderer/src/locales/en/subscribers.js';
import uk from '../../renderer/src/locales/uk/subscribers.js';
import { storyDetail } from '../../renderer/src/subscribers/story-detail.js';

const i18n = createI18n({
  legacy: false,
  locale: 'en',
  messages: { en: { subscribers: en }, uk: { subscribers: uk } },
  pluralRules: { en: (n: number, forms: number) => pluralIndex('en', n, forms), uk: (n: number, forms: number) => pluralIndex('uk', n, forms) },
});

function say(language: 'en' | 'uk', event: Omit<SubscriberEvent, 'at'>): string | undefined {
  i18n.global.locale.value = language;
  return storyDetail({ at: 0, ...event }, i18n.global.t, language);
}

describe('storyDetail', () => {
  it('names the identity a push used in the UI language', () => {
    expect(say('uk', { type: 'pushed', detail: 'externalCustomerId tg-5' })).toBe('Зовнішній ID: tg-5');
    expect(say('en', { type: 'pushed', detail: 'email olena@example.com' })).toBe('Email: olena@example.com');
    expect(say('uk', { type: 'pushed', detail: 'phone 380501112233' })).toBe('Телефон: +380 50 111 22 33');
  });

  it('lists the fields a contact update sent as words of the UI language', () => {
    expect(say('uk', { type: 'contact-updated', detail: 'phone, name' })).toBe('телефон і ім’я');
    expect(say('en', { type: 'contact-updated', detail: 'phone, email, name' })).toBe('phone, email, and name');
  });

  it('says for how long newsletters were paused', () => {
    expect(say('uk', { type: 'muted', detail: '604800' })).toBe('на 7 днів');
    expect(say('en', { type: 'muted', detail: '86400' })).toBe('for 1 day');
  });

  it('keeps what Telegram or Yespo said, and a button’s data, word for word', () => {
    expect(say('uk', { type: 'push-failed', detail: 'Invalid phone' })).toBe('Invalid phone');
    expect(say('uk', { type: 'button-pressed', detail: 'promo-5' })).toBe('promo-5');
    expect(say('uk', { type: 'blocked' })).toBeUndefined();
  });

  it('keeps a detail of an unexpected shape as it came', () => {
    expect(say('en', { type: 'pushed', detail: 'something else' })).toBe('something else');
    expect(say('en', { type: 'muted', detail: 'soon' })).toBe('soon');
  });
});
