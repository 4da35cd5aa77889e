import type { Language, MustActCode, Settings } from '../contract/types.js';

interface StateText {
  title: string;
  body: string;
}

interface AlertText {
  states: Record<MustActCode, StateText>;
  raised: (state: StateText, since: string) => string;
  cleared: (state: StateText) => string;
  confirmed: string;
  stopped: string;
  stoppedFromApp: string;
  ownerChat: string;
}

const TEXT: Record<Language, AlertText> = {
  en: {
    states: {
      'token-rejected': { title: 'Telegram no longer accepts the bot token', body: 'New subscribers can’t arrive. Enter the new token from @BotFather in the app.' },
      'webhook-set': { title: 'Another service is receiving the bot’s messages', body: 'So this app gets no new subscribers. Switch the bot back to this app on its home screen.' },
      'api-key-rejected': { title: 'Yespo doesn’t accept the API key', body: 'Subscribers are saved but not sent to Yespo. Enter a new API key in the app.' },
      'app-uuid-wrong': { title: 'Yespo doesn’t know the bot ID (app_uuid)', body: 'Subscribers are saved but not sent to Yespo. Copy the bot ID again from Yespo’s My bots page into the app.' },
      'keychain-locked': { title: 'The computer’s password store is locked', body: 'The app can’t read its keys. The app’s home screen says how to unlock it.' },
      'store-write-failed': { title: 'The app can’t save data', body: 'The disk is full or the folder can’t be written. The app has paused; nothing is lost yet.' },
      offline: { title: 'Telegram hasn’t been reached for 20 hours', body: 'Telegram keeps new subscribers for 24 hours. Check the computer’s internet connection.' },
    },
    raised: (state, since) => `⚠️ Telegram Connector: ${state.title} (since ${since}).\n${state.body}`,
    cleared: (state) => `✅ Telegram Connector: fixed — “${state.title}” no longer applies.`,
    confirmed: 'Done: this chat now gets Telegram Connector’s alerts when something needs you for more than 15 minutes, and when it is fixed. Send /stop to stop them.',
    stopped: 'Alerts stopped. You can turn them on again in the app’s Settings.',
    stoppedFromApp: 'Alerts were turned off in the app. This chat gets no more alerts.',
    ownerChat: 'This chat gets Telegram Connector’s alerts. Send /stop to stop them.',
  },
  uk: {
    states: {
      'token-rejected': { title: 'Telegram більше не приймає токен бота', body: 'Нові підписники не надходять. Введіть у застосунку новий токен від @BotFather.' },
      'webhook-set': { title: 'Повідомлення бота отримує інший сервіс', body: 'Тому застосунок не отримує нових підписників. Поверніть бота застосунку на його головному екрані.' },
      'api-key-rejected': { title: 'Yespo не приймає API-ключ', body: 'Підписників збережено, але до Yespo вони не надходять. Введіть у застосунку новий API-ключ.' },
      'app-uuid-wrong': { title: 'Yespo не знає ID бота (app_uuid)', body: 'Підписників збережено, але до Yespo вони не надходять. Скопіюйте ID бота ще раз зі сторінки «Мої боти» в Yespo до застосунку.' },
      'keychain-locked': { title: 'Сховище паролів комп’ютера заблоковане', body: 'Застосунок не може прочитати свої ключі. Як його розблокувати, підкаже головний екран застосунку.' },
      'store-write-failed': { title: 'Застосунок не може зберігати дані', body: 'Диск заповнений або в папку не можна записувати. Роботу призупинено; поки нічого не втрачено.' },
      offline: { title: 'Telegram недоступний уже 20 годин', body: 'Telegram зберігає нових підписників 24 години. Перевірте підключення комп’ютера до інтернету.' },
    },
    raised: (state, since) => `⚠️ Telegram Connector: ${state.title} (з ${since}).\n${state.body}`,
    cleared: (state) => `✅ Telegram Connector: виправлено — «${state.title}» уже не актуально.`,
    confirmed: 'Готово: у цей чат надходитимуть сповіщення Telegram Connector, коли щось потребує вашої уваги понад 15 хвилин, і коли це виправлено. Щоб їх вимкнути, надішліть /stop.',
    stopped: 'Сповіщення вимкнено. Увімкнути їх знову можна в налаштуваннях застосунку.',
    stoppedFromApp: 'Сповіщення вимкнено в застосунку. У цей чат вони більше не надходитимуть.',
    ownerChat: 'У цей чат надходять сповіщення Telegram Connector. Щоб їх вимкнути, надішліть /stop.',
  },
};

export function alertText(language: Language): AlertText {
  return TEXT[language];
}

/**
 * The language of the app's own messages: the one chosen in Settings, else the owner's Telegram
 * language (for her chat), else the computer's.
 */
export function alertLanguage(uiLanguage: Settings['uiLanguage'], telegramLanguage?: string, systemLocale = Intl.DateTimeFormat().resolvedOptions().locale): Language {
  if (uiLanguage !== 'system') return uiLanguage;
  return /^uk\b/i.test(telegramLanguage ?? systemLocale) ? 'uk' : 'en';
}

/** The local time a state began, as the owner's clock shows it. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
