import { BOT_TEXT_KEYS, type Settings, type SettingsPatch } from '../contract/types.js';
import { DEFAULT_BOT_TEXTS } from '../telegram/texts.js';

export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';
export const DEFAULT_YESPO_API_ROOT = 'https://yespo.io/api';

export const DEFAULT_SETTINGS: Settings = {
  uiLanguage: 'system',
  askPhone: false,
  askEmail: false,
  identityWaitMinutes: 10,
  texts: DEFAULT_BOT_TEXTS,
  externalIdPrefix: 'tg-',
  batchSize: 100,
  activityPollMinutes: 15,
  telegramApiRoot: DEFAULT_TELEGRAM_API_ROOT,
  yespoApiRoot: DEFAULT_YESPO_API_ROOT,
  closeToTray: true,
  startAtLogin: false,
  subscriptionEvents: false,
};

/** Stored settings over the defaults, so a setting added in a later version has its default. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  const texts = { ...DEFAULT_SETTINGS.texts };
  for (const key of BOT_TEXT_KEYS) texts[key] = { ...DEFAULT_SETTINGS.texts[key], ...stored?.texts?.[key] };
  return { ...DEFAULT_SETTINGS, ...stored, texts };
}

export function applyPatch(current: Settings, patch: SettingsPatch): Settings {
  const { texts: textPatch, ...rest } = patch;
  const texts = { ...current.texts };
  for (const key of BOT_TEXT_KEYS) {
    const change = textPatch?.[key];
    if (change) texts[key] = { en: change.en ?? texts[key].en, uk: change.uk ?? texts[key].uk };
  }
  const next: Settings = { ...current, ...rest, texts };
  next.telegramApiRoot = next.telegramApiRoot.replace(/\/+$/, '');
  next.yespoApiRoot = next.yespoApiRoot.replace(/\/+$/, '');
  return next;
}
