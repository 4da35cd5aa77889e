/**
 * A small flower shop's subscribers, made the way real ones arrive: /start presses (some through the
 * website's link or an Instagram tag), a shared phone, someone who blocked the bot and someone Yespo
 * refused. The same people every time, in the same order, so pictures and texts repeat.
 */
import { expect, type Page } from '@playwright/test';
import type { FakeTelegram, FakeUser, UserFields } from '../../fakes/telegram/server.js';
import type { FakeYespo } from '../../fakes/yespo/server.js';

interface Customer extends UserFields {
  first_name: string;
  /** The /start payload her link carried, if any. */
  payload?: string;
  phone?: string;
  blocks?: true;
  /** What Yespo answers when the app adds her. */
  refusal?: string;
}

/** First ids of the shop's customers: Telegram ids of real people are of this size. */
const FIRST_ID = 402_115_870;

export const CUSTOMERS: readonly Customer[] = [
  { first_name: 'Оксана', last_name: 'Мельник', username: 'oksana_melnyk', language_code: 'uk', payload: 'instagram' },
  { first_name: 'Mark', last_name: 'Evans', username: 'markevans', language_code: 'en' },
  { first_name: 'Тарас', last_name: 'Бондаренко', username: 'taras_b', language_code: 'uk', blocks: true },
  { first_name: 'Ірина', last_name: 'Савчук', username: 'iryna_sav', language_code: 'uk', payload: 'website' },
  { first_name: 'Андрій', username: 'andrii_florist', language_code: 'uk', refusal: 'Contact is blocked' },
  { first_name: 'Софія', last_name: 'Лисенко', username: 'sofiia_l', language_code: 'uk', payload: 'website' },
  { first_name: 'Olena', last_name: 'Koval', username: 'olena_koval', language_code: 'uk', payload: 'website', phone: '+380501112233' },
];

/** Names on screen that are the customers' own, not the app's words. */
export const CUSTOMER_NAMES_IN_LATIN = ['Mark', 'Evans', 'Olena', 'Koval'];
/** The tags of the shop's links, shown as their source. */
export const SOURCE_TAGS = [...new Set(CUSTOMERS.flatMap((c) => (c.payload ? [c.payload] : [])))];
/** What Yespo said about a refused customer, quoted on screen as it came. */
export const REFUSALS = CUSTOMERS.flatMap((c) => (c.refusal ? [c.refusal] : []));

/** The customer whose detail the tests and the README open: she came from the website and shared her phone. */
export const FEATURED = CUSTOMERS[CUSTOMERS.length - 1];

/** Sends every customer's /start (and what follows) through the fake Telegram, in order. */
export function seedShop(telegram: FakeTelegram, yespo: FakeYespo): FakeUser[] {
  return CUSTOMERS.map((customer, i) => {
    const { payload, phone, blocks, refusal, ...fields } = customer;
    const user = telegram.user(FIRST_ID + i * 7_919, fields);
    if (refusal) yespo.rejectToken(String(user.id), refusal);
    telegram.start(user, payload);
    if (phone) telegram.shareContact(user, { phone, userId: user.id, firstName: user.first_name });
    if (blocks) telegram.block(user);
    return user;
  });
}

/**
 * Home counts the customers (and `others`, subscribed before them, all in Yespo), and "In Yespo"
 * (which counts only those still subscribed) everyone but the refused and the one who blocked the bot.
 */
export async function expectShopSettled(page: Page, others = 0): Promise<void> {
  const gone = CUSTOMERS.filter((c) => c.refusal || c.blocks).length;
  await expect(page.getByTestId('counter-subscribers')).toHaveText(String(others + CUSTOMERS.length));
  await expect(page.getByTestId('counter-inYespo')).toHaveText(String(others + CUSTOMERS.length - gone));
}
