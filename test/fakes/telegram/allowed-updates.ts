/** Every update type of the Bot API, in the order of the `Update` object (the order Telegram echoes). */
export const UPDATE_TYPES: readonly string[] = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
];

// Telegram only sends these to bots that name them in allowed_updates.
const OPT_IN_TYPES: ReadonlySet<string> = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

/** `'default'` is the server's own list (every type except the opt-in ones). */
export type AllowedUpdates = readonly string[] | 'default';

/**
 * Reads an `allowed_updates` argument the way the official server does
 * (`Client::get_allowed_update_types`). `undefined` means "keep the previous list": the argument was
 * absent, not JSON, not an array, or held a non-string. Unknown names are ignored; a list with no known
 * name (including `[]`) selects the default list.
 */
export function parseAllowedUpdates(raw: string): AllowedUpdates | undefined {
  if (raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const named = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'string') return undefined;
    named.add(item.toLowerCase());
  }
  const list = UPDATE_TYPES.filter((type) => named.has(type));
  if (list.length === 0 || isDefaultList(list)) return 'default';
  return list;
}

export function isAllowed(allowed: AllowedUpdates, type: string): boolean {
  return allowed === 'default' ? !OPT_IN_TYPES.has(type) : allowed.includes(type);
}

function isDefaultList(list: readonly string[]): boolean {
  const defaults = UPDATE_TYPES.filter((type) => !OPT_IN_TYPES.has(type));
  return list.length === defaults.length && defaults.every((type) => list.includes(type));
}
