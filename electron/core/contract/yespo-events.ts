/**
 * The event type keys the app sends to Yespo (`POST /v2/event`). Settings shows them, so a shop can
 * start a workflow on them; changing one breaks every workflow built on it.
 */
export const YESPO_EVENT_KEYS = {
  /** A subscriber pressed an inline button carrying `callback_data` in a newsletter. */
  button: 'telegramButton',
  /** A subscriber joined: the first /start, or /start after leaving (only with `subscriptionEvents`). */
  joined: 'telegramSubscribed',
  /** A subscriber left: blocked the bot or sent /stop (only with `subscriptionEvents`). */
  left: 'telegramUnsubscribed',
} as const;

export type YespoEventKind = keyof typeof YESPO_EVENT_KEYS;
