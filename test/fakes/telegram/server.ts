import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isAllowed, parseAllowedUpdates, type AllowedUpdates } from './allowed-updates.js';
import {
  BadRequest,
  argText,
  boolArg,
  intArg,
  parseParams,
  readBody,
  writeHtml502,
  writeJson,
  type Params,
} from './http-io.js';
import {
  CONFLICT_OTHER_POLL,
  CONFLICT_SET_WEBHOOK,
  CONFLICT_WEBHOOK_ACTIVE,
  LongPoller,
  type Reply,
} from './long-poll.js';
import {
  botObject,
  callbackQuery,
  contactMessage,
  myChatMember,
  sentMessage,
  textMessage,
  type BotProfile,
  type ContactCard,
  type FakeUser,
  type MemberStatus,
  type UserFields,
} from './update-builders.js';
import { UpdateQueue } from './update-queue.js';

export type { ContactCard, FakeUser, UserFields } from './update-builders.js';

/**
 * What the next matching requests meet instead of the Bot API: nginx's HTML 502, a JSON 500
 * ("Internal Server Error: restart"), a JSON 429 with `retry_after`, no answer at all, or a reset socket.
 */
export type FaultKind = 'html502' | '500' | { retryAfter: number } | 'hang' | 'reset';

export interface GetUpdatesCall {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
  /** Clock time (ms) the request arrived. */
  at: number;
  /** HTTP status answered; undefined while held, or for 'hang' / 'reset' faults. */
  status?: number;
  /** update_ids returned by a 200 answer. */
  updateIds?: number[];
}

export interface ApiCall {
  /** Method as it appeared in the URL (Telegram matches it case-insensitively). */
  method: string;
  params: Params;
  at: number;
  status?: number;
}

export interface SentMessage {
  chatId: number;
  messageId: number;
  text: string;
  replyMarkup?: unknown;
  at: number;
}

export interface CallbackAnswer {
  queryId: string;
  text?: string;
  at: number;
}

export interface FakeTelegramOptions {
  port?: number;
  /** Valid token; defaults to `<botId>:AA` + 33 random characters. */
  token?: string;
  botId?: number;
  username?: string;
  firstName?: string;
  firstUpdateId?: number;
  /** Multiplies every Telegram-side wait (long-poll timeout, 3 s conflict pacing): 0.01 makes 50 s last 0.5 s. */
  timeScale?: number;
  /** Clock in epoch ms for update dates, the 24 h expiry, send pacing and the `at` fields. */
  now?: () => number;
  /** Updates held at most (Telegram: 100 000); more are silently dropped. */
  maxPendingUpdates?: number;
}

export interface FakeTelegram {
  /** apiRoot for grammY, e.g. http://127.0.0.1:43123 (no trailing slash). */
  readonly url: string;
  /** The currently valid token (the last one issued, even after revokeToken). */
  readonly token: string;
  readonly botId: number;
  readonly botUsername: string;
  close(): Promise<void>;

  /** Makes a user with a unique id (auto ids are above 2^32, like today's accounts). */
  user(id?: number, fields?: UserFields): FakeUser;
  /** Queues "/start" or "/start PAYLOAD". A blocked user is unblocked first (my_chat_member), as Telegram's Restart does. */
  start(user: FakeUser, payload?: string): void;
  text(user: FakeUser, text: string): void;
  /** userId defaults to the user's own id; another id is a foreign contact; null means not on Telegram. */
  shareContact(user: FakeUser, contact: ContactCard): void;
  /** my_chat_member member → kicked; sends to the chat answer 403 "Forbidden: bot was blocked by the user". */
  block(user: FakeUser): void;
  /** my_chat_member kicked → member. */
  unblock(user: FakeUser): void;
  /** Sends to the chat answer 403 "Forbidden: user is deactivated". */
  deactivate(user: FakeUser): void;
  /** Queues an update verbatim (update_id assigned when missing); allowed_updates does not filter it. */
  injectRaw(update: object): void;
  /** Queues a callback_query: the user pressed an inline button carrying `data`. Returns the query id. */
  pressButton(user: FakeUser, data: string): string;

  readonly sent: SentMessage[];
  /** Accepted answerCallbackQuery calls. */
  readonly callbackAnswers: CallbackAnswer[];
  readonly calls: ApiCall[];
  readonly getUpdatesCalls: GetUpdatesCall[];
  readonly deleteWebhookCalls: Array<{ dropPendingUpdates: boolean; at: number }>;
  /** logOut / close: answered ok, recorded because the app must never call them. */
  readonly forbiddenCalls: Array<{ method: string; at: number }>;
  /** The command menu set with setMyCommands (default scope), per `language_code` ('' = every language). */
  readonly commands: ReadonlyMap<string, ReadonlyArray<{ command: string; description: string }>>;
  /** Updates not yet confirmed (expired ones excluded). */
  pendingCount(): number;
  /** update_id of the last update a getUpdates offset confirmed; 0 before any. */
  confirmedUpTo(): number;
  /** The sticky allowed_updates list; undefined while it is Telegram's default. */
  stickyAllowedUpdates(): string[] | undefined;
  /** True while a getUpdates request is held waiting for updates. */
  longPollActive(): boolean;

  /** Sets a webhook as another tool would (the held poll gets 409 "terminated by setWebhook request"); '' removes it. */
  setWebhook(url: string): void;
  /** Every call with any token issued so far answers 401 Unauthorized. */
  revokeToken(): void;
  /** A new valid token for the same bot (BotFather's revoke gives one); returns it. */
  issueToken(): string;
  /** The next n requests to `methods` (default ['getUpdates']; '*' = any method) meet `kind`. Queued rules apply in order. */
  failNext(n: number, kind: FaultKind, methods?: string[]): void;
  /** Another client polls: the held poll and every later getUpdates answer 409 "terminated by other getUpdates request". */
  startSecondPoller(): void;
  stopSecondPoller(): void;
  /** Next update_ids start at nextId; the queue must be empty (Telegram restarts ids only for an idle queue). */
  resetIdSpace(nextId: number): void;
  /** A chat that got a message answers 429 (retry_after = seconds left) to sends within retryAfter s; null turns it off. */
  rateLimitSends(retryAfter: number | null): void;
}

interface ChatState {
  readonly user: FakeUser;
  /** The user has written to the bot, so the bot may write back. */
  opened: boolean;
  blocked: boolean;
  deactivated: boolean;
  nextMessageId: number;
  lastSentAt: number;
}

interface FaultRule {
  remaining: number;
  readonly kind: FaultKind;
  readonly methods: ReadonlySet<string>;
}

type Method = (params: Params, reply: Reply) => void;

const WELL_FORMED_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const FIRST_AUTO_USER_ID = 7_000_000_001;
const MAX_TEXT_LENGTH = 4096;
/**
 * How long a callback query can be answered. Telegram documents no figure; clients stop the spinner
 * after about 15 s and the server then answers 400, so the fake refuses from 15 s on.
 */
const CALLBACK_ANSWER_WINDOW_MS = 15_000;
const QUERY_TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

const NOT_FOUND = { ok: false, error_code: 404, description: 'Not Found' };
const METHOD_NOT_FOUND = { ok: false, error_code: 404, description: 'Not Found: method not found' };
const UNAUTHORIZED = { ok: false, error_code: 401, description: 'Unauthorized' };

function failure(code: number, description: string): object {
  return { ok: false, error_code: code, description };
}

function tooManyRequests(retryAfter: number): object {
  return {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  };
}

function randomTokenTail(length: number): string {
  return Array.from(randomBytes(length), (byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
}

function makeToken(botId: number): string {
  return `${botId}:AA${randomTokenTail(33)}`;
}

/** First `date` found on the update's payload object, so injected updates expire like real ones. */
function updateDate(update: object): number | undefined {
  for (const value of Object.values(update)) {
    if (typeof value === 'object' && value !== null && 'date' in value && typeof value.date === 'number') return value.date;
  }
  return undefined;
}

class FakeTelegramServer implements FakeTelegram {
  readonly sent: SentMessage[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly calls: ApiCall[] = [];
  readonly getUpdatesCalls: GetUpdatesCall[] = [];
  readonly deleteWebhookCalls: Array<{ dropPendingUpdates: boolean; at: number }> = [];
  readonly forbiddenCalls: Array<{ method: string; at: number }> = [];
  readonly commands = new Map<string, Array<{ command: string; description: string }>>();
  url = '';

  private readonly server: Server;
  private readonly bot: BotProfile;
  private readonly clock: () => number;
  private readonly timeScale: number;
  private readonly queue: UpdateQueue;
  private readonly poller: LongPoller;
  private readonly chats = new Map<number, ChatState>();
  private readonly faults: FaultRule[] = [];
  private readonly methods: ReadonlyMap<string, Method>;
  private currentToken: string;
  private tokenValid = true;
  private allowed: AllowedUpdates = 'default';
  private webhookUrl = '';
  private secondPoller = false;
  private sendPacing: number | null = null;
  /** Open callback queries: id → when it was made. An answered one is removed. */
  private readonly queries = new Map<string, number>();
  private nextQueryId = 1;
  private nextUserId = FIRST_AUTO_USER_ID;
  private userCount = 0;

  constructor(options: FakeTelegramOptions) {
    const tokenId = options.token === undefined ? undefined : /^(\d+):/.exec(options.token)?.[1];
    if (options.token !== undefined && (tokenId === undefined || !WELL_FORMED_TOKEN.test(options.token))) {
      throw new Error('token must look like <digits>:<characters A-Za-z0-9_->');
    }
    const botId = options.botId ?? (tokenId === undefined ? 123456789 : Number(tokenId));
    if (tokenId !== undefined && Number(tokenId) !== botId) throw new Error('token does not belong to botId');
    this.currentToken = options.token ?? makeToken(botId);
    this.bot = { id: botId, first_name: options.firstName ?? 'Fake Shop Bot', username: options.username ?? 'fake_shop_bot' };
    this.clock = options.now ?? Date.now;
    this.timeScale = options.timeScale ?? 1;
    this.queue = new UpdateQueue(options.firstUpdateId ?? 700_000_001, options.maxPendingUpdates ?? 100_000);
    this.poller = new LongPoller(this.queue, {
      nowSeconds: () => this.nowSeconds(),
      scaledMs: (seconds) => seconds * 1000 * this.timeScale,
    });
    this.methods = new Map<string, Method>([
      ['getme', (_params, reply) => reply(200, { ok: true, result: this.getMe() })],
      ['getupdates', (params, reply) => this.getUpdates(params, reply)],
      ['getwebhookinfo', (_params, reply) => reply(200, { ok: true, result: this.webhookInfo() })],
      ['setwebhook', (params, reply) => this.setWebhookMethod(params, reply)],
      ['deletewebhook', (params, reply) => this.deleteWebhookMethod(params, reply)],
      ['sendmessage', (params, reply) => this.sendMessage(params, reply)],
      ['answercallbackquery', (params, reply) => this.answerCallbackQuery(params, reply)],
      ['setmycommands', (params, reply) => this.setMyCommands(params, reply)],
      ['logout', (_params, reply) => this.forbidden('logOut', reply)],
      ['close', (_params, reply) => this.forbidden('close', reply)],
    ]);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
  }

  get token(): string {
    return this.currentToken;
  }

  get botId(): number {
    return this.bot.id;
  }

  get botUsername(): string {
    return this.bot.username;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.poller.dispose();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---- users -------------------------------------------------------------------------------------

  user(id?: number, fields: UserFields = {}): FakeUser {
    if (id !== undefined && this.chats.has(id)) throw new Error(`user ${id} already exists`);
    while (id === undefined && this.chats.has(this.nextUserId)) this.nextUserId += 1;
    const userId = id ?? this.nextUserId++;
    this.userCount += 1;
    const user: FakeUser = {
      id: userId,
      is_bot: false,
      first_name: `User${this.userCount}`,
      username: `user${this.userCount}`,
      language_code: 'en',
      ...fields,
    };
    this.chatOf(user);
    return user;
  }

  start(user: FakeUser, payload?: string): void {
    this.text(user, payload === undefined ? '/start' : `/start ${payload}`);
  }

  text(user: FakeUser, text: string): void {
    const chat = this.openChat(user);
    this.enqueue('message', textMessage(chat.user, chat.nextMessageId++, this.nowSeconds(), text));
  }

  shareContact(user: FakeUser, contact: ContactCard): void {
    const chat = this.openChat(user);
    this.enqueue('message', contactMessage(chat.user, chat.nextMessageId++, this.nowSeconds(), contact));
  }

  block(user: FakeUser): void {
    const chat = this.chatOf(user);
    if (chat.blocked) return;
    chat.blocked = true;
    this.enqueueMembership(chat, 'member', 'kicked');
  }

  unblock(user: FakeUser): void {
    const chat = this.chatOf(user);
    if (!chat.blocked) return;
    chat.blocked = false;
    this.enqueueMembership(chat, 'kicked', 'member');
  }

  deactivate(user: FakeUser): void {
    this.chatOf(user).deactivated = true;
  }

  pressButton(user: FakeUser, data: string): string {
    const chat = this.chatOf(user);
    const queryId = `${this.bot.id}${String(this.nextQueryId++).padStart(8, '0')}`;
    this.queries.set(queryId, this.clock());
    this.enqueue('callback_query', callbackQuery(chat.user, this.bot, queryId, chat.nextMessageId++, this.nowSeconds(), data), this.nowSeconds());
    return queryId;
  }

  injectRaw(update: object): void {
    if (this.queue.push({ ...update }, updateDate(update) ?? this.nowSeconds()) !== undefined) this.poller.wake();
  }

  // ---- inspection --------------------------------------------------------------------------------

  pendingCount(): number {
    return this.queue.pending(this.nowSeconds());
  }

  confirmedUpTo(): number {
    return this.queue.confirmedUpTo;
  }

  stickyAllowedUpdates(): string[] | undefined {
    return this.allowed === 'default' ? undefined : [...this.allowed];
  }

  longPollActive(): boolean {
    return this.poller.active;
  }

  // ---- fault injection ---------------------------------------------------------------------------

  setWebhook(url: string): void {
    if (url !== '') this.poller.abort(CONFLICT_SET_WEBHOOK);
    this.webhookUrl = url;
  }

  revokeToken(): void {
    this.tokenValid = false;
  }

  issueToken(): string {
    this.currentToken = makeToken(this.bot.id);
    this.tokenValid = true;
    return this.currentToken;
  }

  failNext(n: number, kind: FaultKind, methods: string[] = ['getUpdates']): void {
    if (n > 0) this.faults.push({ remaining: n, kind, methods: new Set(methods.map((m) => m.toLowerCase())) });
  }

  startSecondPoller(): void {
    this.secondPoller = true;
    this.poller.abort(CONFLICT_OTHER_POLL);
  }

  stopSecondPoller(): void {
    this.secondPoller = false;
  }

  resetIdSpace(nextId: number): void {
    this.queue.resetIdSpace(nextId, this.nowSeconds());
  }

  rateLimitSends(retryAfter: number | null): void {
    this.sendPacing = retryAfter !== null && retryAfter > 0 ? retryAfter : null;
  }

  // ---- HTTP --------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BadRequest) writeJson(res, 400, failure(400, `Bad Request: ${error.message}`));
      else res.destroy();
      return;
    }
    const route = /^\/bot([^/]*)\/(.*)$/s.exec(url.pathname);
    if (!route || !WELL_FORMED_TOKEN.test(route[1])) return writeJson(res, 404, NOT_FOUND);
    const [, token, method] = route;
    let params: Params;
    try {
      params = parseParams(url, req.headers['content-type'], body);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return writeJson(res, 400, failure(400, `Bad Request: ${error.message}`));
    }

    const call: ApiCall = { method, params, at: this.clock() };
    this.calls.push(call);
    const name = method.toLowerCase();
    const pollCall = name === 'getupdates' ? this.recordGetUpdates(params, call.at) : undefined;
    const record = (status: number, payload?: unknown): void => {
      call.status = status;
      if (!pollCall) return;
      pollCall.status = status;
      if (status === 200) pollCall.updateIds = (payload as { result: Array<{ update_id: number }> }).result.map((u) => u.update_id);
    };
    const reply: Reply = (status, payload) => {
      record(status, payload);
      writeJson(res, status, payload);
    };

    const fault = this.takeFault(name);
    if (fault !== undefined) return this.applyFault(fault, res, reply, record);
    if (!this.tokenValid || token !== this.currentToken) return reply(401, UNAUTHORIZED);
    const handler = this.methods.get(name);
    if (!handler) return reply(404, METHOD_NOT_FOUND);
    handler(params, reply);
  }

  private recordGetUpdates(params: Params, at: number): GetUpdatesCall {
    const number = (key: string): number | undefined => (params[key] === undefined ? undefined : Number(argText(params, key)));
    let allowed: unknown;
    try {
      allowed = params.allowed_updates === undefined ? undefined : JSON.parse(argText(params, 'allowed_updates'));
    } catch {
      allowed = undefined;
    }
    const entry: GetUpdatesCall = {
      offset: number('offset'),
      limit: number('limit'),
      timeout: number('timeout'),
      allowed_updates: Array.isArray(allowed) ? allowed.map(String) : undefined,
      at,
    };
    this.getUpdatesCalls.push(entry);
    return entry;
  }

  private takeFault(method: string): FaultKind | undefined {
    const rule = this.faults.find((r) => r.methods.has('*') || r.methods.has(method));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.faults.splice(this.faults.indexOf(rule), 1);
    return rule.kind;
  }

  private applyFault(kind: FaultKind, res: ServerResponse, reply: Reply, record: (status: number) => void): void {
    if (kind === 'html502') {
      record(502);
      writeHtml502(res);
    } else if (kind === '500') {
      reply(500, failure(500, 'Internal Server Error: restart'));
    } else if (kind === 'reset') {
      res.socket?.destroy();
    } else if (kind !== 'hang') {
      reply(429, tooManyRequests(kind.retryAfter));
    }
    // 'hang': the request is left open until the client gives up or the server closes.
  }

  // ---- methods -----------------------------------------------------------------------------------

  private getMe(): object {
    return {
      ...botObject(this.bot),
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
  }

  private getUpdates(params: Params, reply: Reply): void {
    if (this.webhookUrl !== '') return this.poller.conflict(CONFLICT_WEBHOOK_ACTIVE, reply);
    const offset = intArg(params, 'offset', 0);
    const limit = intArg(params, 'limit', 100, 1, 100);
    const timeout = intArg(params, 'timeout', 0, 0, 50);
    const allowed = parseAllowedUpdates(argText(params, 'allowed_updates'));
    if (allowed !== undefined) this.allowed = allowed;
    // The other instance's next poll would terminate this one at once; answer the outcome directly.
    if (this.secondPoller) return this.poller.conflict(CONFLICT_OTHER_POLL, reply);
    this.poller.poll(offset, limit, timeout, reply);
  }

  private webhookInfo(): object {
    return {
      url: this.webhookUrl,
      has_custom_certificate: false,
      pending_update_count: this.pendingCount(),
      ...(this.webhookUrl === '' ? {} : { max_connections: 40 }),
      ...(this.allowed === 'default' ? {} : { allowed_updates: [...this.allowed] }),
    };
  }

  private setWebhookMethod(params: Params, reply: Reply): void {
    const url = argText(params, 'url');
    if (url === '') return this.removeWebhook(params, reply);
    if (!url.toLowerCase().startsWith('https://')) {
      return reply(400, failure(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook'));
    }
    this.setWebhook(url);
    if (boolArg(params, 'drop_pending_updates')) this.queue.clear();
    const allowed = parseAllowedUpdates(argText(params, 'allowed_updates'));
    if (allowed !== undefined) this.allowed = allowed;
    reply(200, { ok: true, result: true, description: 'Webhook was set' });
  }

  private deleteWebhookMethod(params: Params, reply: Reply): void {
    this.deleteWebhookCalls.push({ dropPendingUpdates: boolArg(params, 'drop_pending_updates'), at: this.clock() });
    this.removeWebhook(params, reply);
  }

  private removeWebhook(params: Params, reply: Reply): void {
    const description = this.webhookUrl === '' ? 'Webhook is already deleted' : 'Webhook was deleted';
    this.webhookUrl = '';
    if (boolArg(params, 'drop_pending_updates')) this.queue.clear();
    reply(200, { ok: true, result: true, description });
  }

  private sendMessage(params: Params, reply: Reply): void {
    const chatIdText = argText(params, 'chat_id').trim();
    if (chatIdText === '') return reply(400, failure(400, 'Bad Request: chat_id is empty'));
    const text = argText(params, 'text');
    if (text.trim() === '') return reply(400, failure(400, 'Bad Request: message text is empty'));
    if (text.length > MAX_TEXT_LENGTH) return reply(400, failure(400, 'Bad Request: message is too long'));
    let replyMarkup: unknown = params.reply_markup;
    if (typeof replyMarkup === 'string') {
      try {
        replyMarkup = JSON.parse(replyMarkup);
      } catch {
        return reply(400, failure(400, "Bad Request: can't parse reply keyboard markup JSON object"));
      }
    }
    const chat = /^-?\d+$/.test(chatIdText) ? this.chats.get(Number(chatIdText)) : undefined;
    if (!chat) return reply(400, failure(400, 'Bad Request: chat not found'));
    if (chat.deactivated) return reply(403, failure(403, 'Forbidden: user is deactivated'));
    if (chat.blocked) return reply(403, failure(403, 'Forbidden: bot was blocked by the user'));
    if (!chat.opened) return reply(403, failure(403, "Forbidden: bot can't initiate conversation with a user"));
    const at = this.clock();
    if (this.sendPacing !== null) {
      const waitMs = chat.lastSentAt + this.sendPacing * 1000 - at;
      if (waitMs > 0) return reply(429, tooManyRequests(Math.ceil(waitMs / 1000)));
    }
    chat.lastSentAt = at;
    const messageId = chat.nextMessageId++;
    this.sent.push({
      chatId: chat.user.id,
      messageId,
      text,
      ...(replyMarkup === undefined ? {} : { replyMarkup }),
      at,
    });
    reply(200, { ok: true, result: sentMessage(this.bot, chat.user, messageId, Math.floor(at / 1000), text, replyMarkup) });
  }

  private answerCallbackQuery(params: Params, reply: Reply): void {
    const queryId = argText(params, 'callback_query_id');
    if (queryId === '') return reply(400, failure(400, 'Bad Request: parameter "callback_query_id" is required'));
    const madeAt = this.queries.get(queryId);
    const at = this.clock();
    if (madeAt === undefined || at - madeAt >= CALLBACK_ANSWER_WINDOW_MS) return reply(400, failure(400, QUERY_TOO_OLD));
    this.queries.delete(queryId);
    const text = argText(params, 'text');
    this.callbackAnswers.push({ queryId, ...(text === '' ? {} : { text }), at });
    reply(200, { ok: true, result: true });
  }

  /**
   * Bot API rules: at most 100 commands, each 1-32 of a-z, 0-9 and _, descriptions 1-256 characters,
   * `language_code` a two-letter ISO 639-1 code or empty. Telegram's exact error texts for a bad
   * command or description are not documented; the fake answers 400 with the names its clients
   * report (BOT_COMMAND_INVALID, BOT_COMMAND_DESCRIPTION_INVALID). Only the default scope is kept.
   */
  private setMyCommands(params: Params, reply: Reply): void {
    let commands: unknown;
    try {
      commands = JSON.parse(argText(params, 'commands') || 'null');
    } catch {
      return reply(400, failure(400, "Bad Request: can't parse commands JSON object"));
    }
    if (!Array.isArray(commands) || commands.length > 100) return reply(400, failure(400, 'Bad Request: commands must be an array of at most 100 BotCommand'));
    const list: Array<{ command: string; description: string }> = [];
    for (const c of commands as Array<{ command?: unknown; description?: unknown }>) {
      if (typeof c?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) return reply(400, failure(400, 'Bad Request: BOT_COMMAND_INVALID'));
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        return reply(400, failure(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID'));
      }
      list.push({ command: c.command, description: c.description });
    }
    const lang = argText(params, 'language_code');
    if (lang !== '' && !/^[a-z]{2}$/.test(lang)) return reply(400, failure(400, 'Bad Request: LANG_CODE_INVALID'));
    this.commands.set(lang, list);
    reply(200, { ok: true, result: true });
  }

  private forbidden(method: string, reply: Reply): void {
    this.forbiddenCalls.push({ method, at: this.clock() });
    reply(200, { ok: true, result: true });
  }

  // ---- state -------------------------------------------------------------------------------------

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  private chatOf(user: FakeUser): ChatState {
    let chat = this.chats.get(user.id);
    if (!chat) {
      chat = { user, opened: false, blocked: false, deactivated: false, nextMessageId: 1, lastSentAt: Number.NEGATIVE_INFINITY };
      this.chats.set(user.id, chat);
    }
    return chat;
  }

  /** A user writing to the bot: a deleted account can't, and a blocked bot is unblocked first. */
  private openChat(user: FakeUser): ChatState {
    const chat = this.chatOf(user);
    if (chat.deactivated) throw new Error(`user ${user.id} is deactivated and cannot write to the bot`);
    this.unblock(user);
    chat.opened = true;
    return chat;
  }

  private enqueueMembership(chat: ChatState, from: MemberStatus, to: MemberStatus): void {
    this.enqueue('my_chat_member', myChatMember(chat.user, this.bot, this.nowSeconds(), from, to));
  }

  /** Telegram applies allowed_updates when an update is created, not when it is delivered. */
  private enqueue(type: string, payload: Record<string, unknown>, date = payload.date as number): void {
    if (!isAllowed(this.allowed, type)) return;
    if (this.queue.push({ [type]: payload }, date) !== undefined) this.poller.wake();
  }
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegramServer(options);
  await fake.listen(options.port ?? 0);
  return fake;
}
