import * as v from 'valibot';

/**
 * The parts of a Telegram update the engine reads, checked before anything is stored. Updates are
 * outside input: a field of the wrong type is dropped (an object as `first_name` once broke every
 * search), a wrong id makes the whole update unreadable, and strings are cut to Telegram's limits.
 */

/** Cuts to `max` UTF-16 units without leaving half an emoji behind. */
function cap(max: number): (text: string) => string {
  return (text) => {
    if (text.length <= max) return text;
    const cut = text.slice(0, max);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  };
}

/** An optional string, cut to `max`; anything else reads as absent. */
function text(max: number) {
  return v.fallback(v.optional(v.pipe(v.string(), v.transform(cap(max)))), undefined);
}

const Id = v.pipe(v.number(), v.safeInteger());

const Chat = v.object({ id: Id, type: text(32) });

const User = v.object({
  id: Id,
  is_bot: v.fallback(v.optional(v.boolean()), undefined),
  first_name: text(64),
  last_name: text(64),
  username: text(32),
  language_code: text(35),
});

const Contact = v.object({
  phone_number: text(32),
  user_id: v.fallback(v.optional(Id), undefined),
});

const Message = v.object({
  chat: Chat,
  from: User,
  text: text(4096),
  contact: v.fallback(v.optional(Contact), undefined),
});

const ChatMemberUpdated = v.object({
  chat: Chat,
  new_chat_member: v.object({ status: v.pipe(v.string(), v.maxLength(32)) }),
});

/** A press on an inline button; `data` is at most 64 bytes, and absent for game buttons. */
const CallbackQuery = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  from: User,
  message: v.fallback(v.optional(v.object({ chat: Chat })), undefined),
  data: text(64),
});

const Update = v.object({
  message: v.fallback(v.optional(Message), undefined),
  my_chat_member: v.fallback(v.optional(ChatMemberUpdated), undefined),
  callback_query: v.fallback(v.optional(CallbackQuery), undefined),
});

export type TgUser = v.InferOutput<typeof User>;
export type TgChat = v.InferOutput<typeof Chat>;
export type TgContact = v.InferOutput<typeof Contact>;
export type TgMessage = v.InferOutput<typeof Message>;
export type TgChatMemberUpdated = v.InferOutput<typeof ChatMemberUpdated>;
export type TgCallbackQuery = v.InferOutput<typeof CallbackQuery>;
export type ReadUpdate = v.InferOutput<typeof Update>;

/** The readable parts of `raw`, or null when it is not even an object. */
export function readUpdate(raw: unknown): ReadUpdate | null {
  const result = v.safeParse(Update, raw);
  return result.success ? result.output : null;
}
