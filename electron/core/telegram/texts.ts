import type { BotTextKey, Language, LocalText } from '../contract/types.js';

/** What the bot says until the owner writes her own texts (Settings → Messages). */
export const DEFAULT_BOT_TEXTS: Record<BotTextKey, LocalText> = {
  welcome: {
    en: 'Welcome! You are subscribed and will get our news right here.',
    uk: 'Вітаємо! Ви підписалися й отримуватимете наші новини просто тут.',
  },
  askPhone: {
    en: 'Would you like to share your phone number so we can recognise you? Tap the button below.',
    uk: 'Поділитеся номером телефону, щоб ми вас упізнавали? Натисніть кнопку нижче.',
  },
  phoneButton: { en: 'Share my phone number', uk: 'Поділитися номером' },
  askEmail: {
    en: 'If you like, type your email address and we will link it to your subscription.',
    uk: 'За бажання напишіть свою електронну адресу, і ми прив’яжемо її до підписки.',
  },
  emailInvalid: {
    en: 'That doesn’t look like an email address. Please check it and send it again.',
    uk: 'Схоже, це не електронна адреса. Перевірте її та надішліть ще раз.',
  },
  foreignContact: {
    en: 'Please share your own phone number with the button below, not someone else’s contact.',
    uk: 'Будь ласка, поділіться власним номером кнопкою нижче, а не чужим контактом.',
  },
  thanks: { en: 'Thank you!', uk: 'Дякуємо!' },
  other: {
    en: 'Thanks for your message! This bot sends news; to write to us, please use our usual contacts.',
    uk: 'Дякуємо за повідомлення! Цей бот надсилає новини; щоб написати нам, скористайтеся звичними контактами.',
  },
  stopped: {
    en: 'You have unsubscribed and will get no more newsletters here. To subscribe again, send /start.',
    uk: 'Ви відписалися й більше не отримуватимете розсилок тут. Щоб підписатися знову, надішліть /start.',
  },
};

/** The text in the subscriber's language where the owner provided one, else English. */
export function pickText(texts: Record<BotTextKey, LocalText>, key: BotTextKey, languageCode: string | undefined): string {
  const lang: Language = languageCode?.toLowerCase().startsWith('uk') ? 'uk' : 'en';
  const chosen = texts[key]?.[lang]?.trim();
  return chosen || texts[key]?.en?.trim() || DEFAULT_BOT_TEXTS[key][lang];
}
