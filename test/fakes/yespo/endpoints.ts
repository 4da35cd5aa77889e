import { ACTIVITY_STATUSES, isOffset, type ActivityLog } from './activity-log.js';
import { identifierProblem, type ContactBook, type Identifiers } from './contact-book.js';
import { errorReply, jsonReply, textReply, JSON_TYPE, type ErrorShape, type Reply } from './error-bodies.js';
import { specValidators } from './spec-validator.js';

/** Everything the endpoints read and change; owned by the server, mutated by the fault-injection API too. */
export interface YespoState {
  account: { userEmail: string; organisationName: string; orgId: number };
  registeredApps: Set<string>;
  book: ContactBook;
  activity: ActivityLog;
  mutes: Map<string, number | null>;
  rejectedTokens: Map<string, { message: string; shape: ErrorShape }>;
  batchLimit: { max: number; status: 400 | 413 } | null;
  activityForbidden: boolean;
  /** Raw body of each accepted `POST /v1/contact` → when it was accepted. */
  recentContactBodies: Map<string, number>;
  repeatWindowMs: number;
  events: FakeEvent[];
}

/** An event Yespo took: its key, its params as name → value, and the contact it applied to. */
export interface FakeEvent {
  eventTypeKey: string;
  params: Record<string, unknown>;
  contactId: number;
  at: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_FIELDS = new Set(['token', 'contactId', 'externalCustomerId', 'phone', 'email']);
const MAX_ROWS = 25_000;
const MUTE_SECONDS = { min: 5, max: 31_536_000 };

type Parsed = { ok: true; value: unknown } | { ok: false; reply: Reply };

function parseJson(body: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, reply: errorReply(400, `JSON parse error: ${(e as Error).message}`, 'message') };
  }
}

/** A malformed uuid and an unknown one fail differently, as Yespo documents for the app methods. */
function appProblem(state: YespoState, appUuid: string): Reply | null {
  if (!UUID.test(appUuid)) return textReply(400, 'Wrong app uuid');
  if (!state.registeredApps.has(appUuid.toLowerCase())) return errorReply(404, 'Not registered application', 'message');
  return null;
}

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function identifiersOf(item: Record<string, unknown>): Identifiers {
  const ids: Identifiers = {};
  if (typeof item.contactId === 'number') ids.contactId = item.contactId;
  if (present(item.externalCustomerId)) ids.externalCustomerId = item.externalCustomerId;
  if (present(item.phone)) ids.phone = item.phone;
  if (present(item.email)) ids.email = item.email;
  return ids;
}

function unknownContactOnly(book: ContactBook, ids: Identifiers): boolean {
  const others = ids.externalCustomerId ?? ids.phone ?? ids.email;
  return ids.contactId !== undefined && others === undefined && !book.getById(ids.contactId);
}

export function accountInfo(state: YespoState): Reply {
  return jsonReply(200, state.account);
}

/**
 * `POST /v1/apps/{app_uuid}/tokens`. The batch is all-or-nothing: any bad item fails the request and
 * nothing is stored, so a client has to split the batch to isolate it.
 */
export function addTokens(state: YespoState, appUuid: string, body: string): Reply {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed.reply;
  const app = appProblem(state, appUuid);
  if (app) return app;
  const schemaError = specValidators().appTokens(parsed.value);
  if (schemaError) return errorReply(400, schemaError, 'errors-array');
  const tokens = (parsed.value as { tokens?: Array<Record<string, unknown>> }).tokens;
  if (!tokens || tokens.length === 0) return textReply(400, 'Tokens must be specified');
  if (state.batchLimit && tokens.length > state.batchLimit.max) {
    const message = `Too many tokens: ${tokens.length} (at most ${state.batchLimit.max} per request)`;
    return state.batchLimit.status === 413 ? textReply(413, message) : errorReply(400, message, 'message');
  }

  const items: Array<{ token: string; ids: Identifiers }> = [];
  for (const item of tokens) {
    const unknownField = Object.keys(item).find((k) => !TOKEN_FIELDS.has(k));
    if (unknownField) return errorReply(400, `Unrecognized field "${unknownField}"`, 'message');
    if (!present(item.token)) return textReply(400, 'Token must be specified');
    const ids = identifiersOf(item);
    if (Object.keys(ids).length === 0) {
      return errorReply(400, 'Contact identifier must be specified: contactId, externalCustomerId, phone or email', 'errors-object');
    }
    const problem = identifierProblem(ids);
    if (problem) return errorReply(400, problem, 'errors-object');
    if (unknownContactOnly(state.book, ids)) return errorReply(400, `Contact not found: ${ids.contactId}`, 'message');
    const rejection = state.rejectedTokens.get(item.token);
    if (rejection) return errorReply(400, rejection.message, rejection.shape);
    items.push({ token: item.token, ids });
  }

  const appKey = appUuid.toLowerCase();
  for (const { token, ids } of items) {
    // Found → only the token is added; the other identifiers of the contact stay as they were.
    const contact = state.book.find(ids) ?? state.book.create(ids);
    state.book.addToken(contact, appKey, token);
  }
  return { status: 200, contentType: JSON_TYPE, body: '' };
}

/**
 * `GET /v1/contact/token/{app_uuid}/{token_id}/contactId` answers `{"id": …}` (the spec's IDResult).
 * The spec documents it for mobile push tokens and only its 200; here it answers for every token the
 * fake accepted. What Yespo says for an unknown token or app is unknown: the fake gives 404 with a
 * plain text body, which clients must read as "not known".
 */
export function tokenContactId(state: YespoState, appUuid: string, token: string): Reply {
  const holder = state.registeredApps.has(appUuid.toLowerCase()) ? state.book.holderOf(appUuid.toLowerCase(), token) : undefined;
  return holder ? jsonReply(200, { id: holder.id }) : textReply(404, 'Contact not found');
}

export function muteToken(state: YespoState, appUuid: string, body: string, mute: boolean): Reply {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed.reply;
  const app = appProblem(state, appUuid);
  if (app) return app;
  const value = parsed.value as { token?: unknown; duration?: unknown } | null;
  if (typeof value !== 'object' || value === null || value.token == null || value.token === '') {
    return textReply(400, 'Token must be specified');
  }
  const schemaError = (mute ? specValidators().muteToken : specValidators().unmuteToken)(value);
  const duration = value.duration;
  const badDuration =
    duration !== undefined &&
    !(Number.isInteger(duration) && (duration as number) >= MUTE_SECONDS.min && (duration as number) <= MUTE_SECONDS.max);
  if (mute && badDuration) return textReply(400, 'Duration must be positive integer');
  if (schemaError) return errorReply(400, schemaError, 'errors-array');
  const token = value.token as string;
  if (mute) state.mutes.set(token, duration === undefined ? null : Date.now() + (duration as number) * 1000);
  else state.mutes.delete(token);
  return { status: 200, contentType: JSON_TYPE, body: 'OK' };
}

interface ContactBody {
  id?: number;
  externalCustomerId?: string;
  firstName?: string;
  lastName?: string;
  channels: Array<{ type?: string; value?: string }>;
}

/** `POST /v1/contact`: finds by id → externalCustomerId → phone → email, then updates names and channels. */
export function upsertContact(state: YespoState, body: string, now: number): Reply {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed.reply;
  const schemaError = specValidators().contact(parsed.value);
  if (schemaError) return errorReply(400, schemaError, 'errors-array');
  const contactBody = parsed.value as ContactBody;

  const ids: Identifiers = {};
  if (contactBody.id !== undefined) ids.contactId = contactBody.id;
  if (present(contactBody.externalCustomerId)) ids.externalCustomerId = contactBody.externalCustomerId;
  for (const channel of contactBody.channels) {
    if (channel.type === 'sms' && present(channel.value)) ids.phone = channel.value;
    if (channel.type === 'email' && present(channel.value)) ids.email = channel.value;
  }
  if (Object.keys(ids).length === 0) return errorReply(400, 'Contact must have an email, a phone or an externalCustomerId', 'message');
  const problem = identifierProblem(ids);
  if (problem) return errorReply(400, problem, 'errors-object');
  if (unknownContactOnly(state.book, ids)) return errorReply(400, `Contact not found: ${ids.contactId}`, 'message');

  const key = body.trim();
  const last = state.recentContactBodies.get(key);
  if (last !== undefined && now - last < state.repeatWindowMs) return textReply(409, 'Repeated request within 1 minute');

  const { book } = state;
  const contact = book.find(ids) ?? book.create(ids);
  if (ids.externalCustomerId !== undefined) book.setExternalId(contact, ids.externalCustomerId);
  if (ids.phone !== undefined) book.setPhone(contact, ids.phone);
  if (ids.email !== undefined) book.setEmail(contact, ids.email);
  if (contactBody.firstName !== undefined) contact.firstName = contactBody.firstName;
  if (contactBody.lastName !== undefined) contact.lastName = contactBody.lastName;
  state.recentContactBodies.set(key, now);
  return jsonReply(200, { id: contact.id });
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?$/;

/** Dates without a zone are UTC; a bare date as `dateTo` covers that whole day. */
function parseDate(value: string, endOfDay: boolean): { time: number; dayStart: number } | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const dayStart = Date.parse(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(dayStart) || new Date(dayStart).toISOString().slice(0, 10) !== m[1]) return null;
  if (m[2] === undefined) return { time: endOfDay ? dayStart + 86_400_000 - 1 : dayStart, dayStart };
  const time = Date.parse(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(time) ? null : { time, dayStart };
}

function missingParam(name: string): Reply {
  return textReply(400, `Required request parameter '${name}' for method parameter type String is not present`);
}

export function contactActivity(state: YespoState, query: URLSearchParams): Reply {
  if (state.activityForbidden) return textReply(403, 'Forbidden');
  const dateFrom = query.get('dateFrom');
  const dateTo = query.get('dateTo');
  if (dateFrom === null) return missingParam('dateFrom');
  if (dateTo === null) return missingParam('dateTo');
  const from = parseDate(dateFrom, false);
  if (!from) return errorReply(400, `Invalid dateFrom: ${dateFrom}, expected yyyy-MM-dd`, 'message');
  const to = parseDate(dateTo, true);
  if (!to) return errorReply(400, `Invalid dateTo: ${dateTo}, expected yyyy-MM-dd`, 'message');
  if (from.time > to.time) return errorReply(400, 'dateFrom must not be after dateTo', 'message');
  const limit = new Date(from.time);
  limit.setUTCMonth(limit.getUTCMonth() + 3);
  if (to.dayStart > limit.getTime()) return errorReply(400, 'The period must not exceed 3 months', 'message');

  const status = query.get('activityStatus') ?? undefined;
  if (status !== undefined && !(ACTIVITY_STATUSES as readonly string[]).includes(status)) {
    return errorReply(400, `Invalid activityStatus: ${status}`, 'message');
  }
  const offset = query.get('offset') ?? undefined;
  if (offset !== undefined && offset !== '' && !isOffset(offset)) return errorReply(400, `Invalid offset: ${offset}`, 'message');
  const maxrows = query.get('maxrows');
  if (maxrows !== null && !/^[1-9]\d{0,8}$/.test(maxrows)) return errorReply(400, `Invalid maxrows: ${maxrows}`, 'message');

  const rows = state.activity.query({
    from: from.time,
    to: to.time,
    status,
    email: query.get('email') ?? undefined,
    sms: query.get('sms') ?? undefined,
    after: offset || undefined,
    maxRows: Math.min(maxrows === null ? MAX_ROWS : Number(maxrows), MAX_ROWS),
  });
  return { status: 200, contentType: 'application/json', body: JSON.stringify(rows) };
}

/** Yespo's documented limits for `POST /v2/event`: 20 kB of body, a key of at most 100 characters. */
const EVENT_MAX_BYTES = 20 * 1024;
const EVENT_KEY_MAX = 100;
const EVENT_KEY_FORBIDDEN = /[<;’\\/|"`'^?!,>]/;

/**
 * `POST /v2/event`. The event applies to an existing contact named by an identifier among the params
 * (contactId, externalCustomerId, phone or email). What Yespo answers for an unknown contact is not
 * documented: the fake assumes 400 "Contact not found" as `POST /v1/contact` does for a lone unknown id.
 */
export function registerEvent(state: YespoState, body: string, now: number): Reply {
  if (Buffer.byteLength(body) > EVENT_MAX_BYTES) return textReply(413, 'Request Entity Too Large');
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed.reply;
  const schemaError = specValidators().event(parsed.value);
  if (schemaError) return errorReply(400, schemaError, 'errors-array');
  const event = parsed.value as { eventTypeKey: string; params?: Array<{ name?: string; value?: unknown }> };
  const key = event.eventTypeKey;
  if (key.trim() === '' || key.length > EVENT_KEY_MAX || EVENT_KEY_FORBIDDEN.test(key)) {
    return errorReply(400, `Invalid eventTypeKey: ${key}`, 'message');
  }
  const params: Record<string, unknown> = {};
  for (const p of event.params ?? []) if (typeof p.name === 'string') params[p.name] = p.value;
  const ids: Identifiers = {};
  const contactId = Number(params.contactId);
  if (params.contactId !== undefined && Number.isSafeInteger(contactId)) ids.contactId = contactId;
  if (present(params.externalCustomerId)) ids.externalCustomerId = params.externalCustomerId;
  if (present(params.phone)) ids.phone = params.phone;
  if (present(params.email)) ids.email = params.email;
  if (Object.keys(ids).length === 0) {
    return errorReply(400, 'Contact identifier must be specified in params: contactId, externalCustomerId, phone or email', 'errors-object');
  }
  const contact = state.book.find(ids);
  if (!contact) return errorReply(400, 'Contact not found', 'message');
  state.events.push({ eventTypeKey: key, params, contactId: contact.id, at: now });
  return { status: 200, contentType: JSON_TYPE, body: '' };
}
