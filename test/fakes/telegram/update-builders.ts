/** Bot API objects shaped like the ones Telegram sends for private chats. */

export interface FakeUser {
  readonly id: number;
  readonly is_bot: false;
  readonly first_name: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly language_code?: string;
}

export interface BotProfile {
  readonly id: number;
  readonly first_name: string;
  readonly username: string;
}

export type UserFields = Partial<Pick<FakeUser, 'first_name' | 'last_name' | 'username' | 'language_code'>>;

export interface ContactCard {
  readonly phone: string;
  /** The contact's Telegram id; null sends a contact that is not on Telegram (no `user_id`). */
  readonly userId?: number | null;
  readonly firstName?: string;
  readonly lastName?: string;
}

type Json = Record<string, unknown>;

/** Copies only the defined fields: Telegram omits absent optional fields rather than sending null. */
function defined(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function userObject(user: FakeUser): Json {
  return defined({
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    last_name: user.last_name,
    username: user.username,
    language_code: user.language_code,
  });
}

export function botObject(bot: BotProfile): Json {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}

export function privateChat(user: FakeUser): Json {
  return defined({
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    username: user.username,
    type: 'private',
  });
}

const COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** The entities Telegram clients attach to typed text: a leading bot command and e-mail addresses. */
export function textEntities(text: string): Json[] {
  const entities: Json[] = [];
  const command = COMMAND.exec(text);
  if (command) entities.push({ offset: 0, length: command[0].length, type: 'bot_command' });
  for (const email of text.matchAll(EMAIL)) {
    entities.push({ offset: email.index, length: email[0].length, type: 'email' });
  }
  return entities;
}

export function textMessage(user: FakeUser, messageId: number, date: number, text: string): Json {
  const entities = textEntities(text);
  return defined({
    message_id: messageId,
    from: userObject(user),
    chat: privateChat(user),
    date,
    text,
    entities: entities.length > 0 ? entities : undefined,
  });
}

export function contactMessage(user: FakeUser, messageId: number, date: number, card: ContactCard): Json {
  const own = card.userId === undefined || card.userId === user.id;
  const contactUserId = card.userId === undefined ? user.id : card.userId;
  return {
    message_id: messageId,
    from: userObject(user),
    chat: privateChat(user),
    date,
    contact: defined({
      phone_number: card.phone,
      first_name: card.firstName ?? (own ? user.first_name : 'Contact'),
      last_name: card.lastName ?? (own ? user.last_name : undefined),
      user_id: contactUserId ?? undefined,
    }),
  };
}

export type MemberStatus = 'member' | 'kicked';

function chatMember(bot: BotProfile, status: MemberStatus): Json {
  // A ban in a private chat is permanent: Telegram sends until_date 0 with "kicked".
  return status === 'kicked' ? { user: botObject(bot), status, until_date: 0 } : { user: botObject(bot), status };
}

export function myChatMember(user: FakeUser, bot: BotProfile, date: number, from: MemberStatus, to: MemberStatus): Json {
  return {
    chat: privateChat(user),
    from: userObject(user),
    date,
    old_chat_member: chatMember(bot, from),
    new_chat_member: chatMember(bot, to),
  };
}

export function sentMessage(bot: BotProfile, user: FakeUser, messageId: number, date: number, text: string, replyMarkup: unknown): Json {
  // Telegram echoes reply_markup only for inline keyboards.
  const inline =
    typeof replyMarkup === 'object' && replyMarkup !== null && 'inline_keyboard' in replyMarkup ? replyMarkup : undefined;
  return defined({
    message_id: messageId,
    from: botObject(bot),
    chat: privateChat(user),
    date,
    text,
    reply_markup: inline,
  });
}

/**
 * A press on an inline button of a message the bot sent (a newsletter from Yespo, say). Telegram
 * leaves `date` off the query itself; the message it hangs on carries one.
 */
export function callbackQuery(user: FakeUser, bot: BotProfile, queryId: string, messageId: number, date: number, data: string): Json {
  return {
    id: queryId,
    from: userObject(user),
    message: { message_id: messageId, from: botObject(bot), chat: privateChat(user), date, text: 'Newsletter' },
    chat_instance: String(-user.id),
    data,
  };
}
