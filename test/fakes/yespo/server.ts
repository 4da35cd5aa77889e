/**
 * A fake of the Yespo REST API for tests and the benchmark, following ../shared/docs/yespo-api.md and the
 * OpenAPI spec kept beside this file. Bodies are validated against the spec's schemas; the contact
 * matching rules are the documented ones; faults are injected through the returned handle.
 *
 * Error bodies vary on purpose, as Yespo's do (clients must read plain text, `message`, `errors.message`
 * and `errors[0].message`):
 *   401 "Unauthorized" text · 400 "Wrong app uuid" text · 404 "Not registered application" {message}
 *   404 "Contact not found" text (token lookup) · 400 "Token must be specified" text · 400 schema errors {errors:[{message}]} · 400 bad phone/email and
 *   missing identifier {errors:{message}} · 409 "Repeated request within 1 minute" text · 403 activity text
 *   503 outage: nginx HTML and plain text, alternating · injected 429 text, 500 {message}, 502 nginx HTML,
 *   503 text, a 500 {message} echoing the Authorization header · rejectToken: the four shapes in turn unless one is given.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityLog, type ActivityRow } from './activity-log.js';
import { ContactBook, type FakeContact } from './contact-book.js';
import { addTokens, accountInfo, contactActivity, muteToken, registerEvent, tokenContactId, upsertContact, type FakeEvent, type YespoState } from './endpoints.js';
import { ERROR_SHAPES, errorReply, nginxPage, textReply, type ErrorShape, type Reply } from './error-bodies.js';

export type { ActivityRow, MediaType } from './activity-log.js';
export type { FakeContact, AppTokenRef } from './contact-book.js';
export type { ErrorShape } from './error-bodies.js';
export type { FakeEvent } from './endpoints.js';

/**
 * `echoAuthorization` / `echo-authorization`: an error whose message repeats the request's
 * Authorization header, as a debugging layer in front of an API sometimes does; a client must not
 * store or log it as it came.
 */
export type FaultKind =
  | { status: 429; retryAfter?: number }
  | { status: 500 | 502 | 503 }
  | { status: 400 | 500; message: string; echoAuthorization: true }
  | 'hang'
  | 'reset'
  | 'echo-authorization';

export interface TokenRequest {
  appUuid: string;
  /** The `tokens` array as sent (empty when the body was not JSON). */
  tokens: unknown[];
  /** 0 when the request was hung or reset by fault injection. */
  status: number;
  at: number;
}

export interface RequestRecord {
  method: string;
  /** Path under the API root without the query, e.g. `/v1/account/info`. */
  path: string;
  /** 0 when the request was hung or reset by fault injection. */
  status: number;
  at: number;
}

export interface FakeYespo {
  /** API root, e.g. `http://127.0.0.1:PORT/api`; endpoint paths below it start with `/v1/` or `/v2/`. */
  readonly url: string;
  /** The valid key: HTTP Basic with any user name and this as the password. */
  readonly apiKey: string;
  /** A registered app uuid (random v4 unless given). */
  readonly appUuid: string;
  close(): Promise<void>;

  readonly contacts: FakeContact[];
  /** Every `POST /v1/apps/{uuid}/tokens`, whatever its outcome. */
  readonly tokenRequests: TokenRequest[];
  readonly requests: RequestRecord[];
  /** token → muted until (epoch ms), or null for "until unmuted". */
  readonly mutes: Map<string, number | null>;
  /** Every event `POST /v2/event` took, oldest first. */
  readonly events: FakeEvent[];

  /** Rotates the key: the old one gets 401 from now on. */
  setApiKey(key: string): void;
  /** While on, every call gets 503. */
  outage(on: boolean): void;
  /** While on, the port is closed and calls fail with ECONNREFUSED, as when Yespo or the network is down. */
  refuseConnections(on: boolean): Promise<void>;
  /** The next `n` calls (whose path matches `paths`, when given) fail this way, before auth is checked. */
  failNext(n: number, kind: FaultKind, paths?: RegExp): void;
  /** A batch containing this token gets 400 with `message`, and nothing of the batch is stored. */
  rejectToken(token: string, message?: string, shape?: ErrorShape): void;
  /** Batches with more than `n` tokens are refused (413 text or 400 JSON); null lifts the limit. */
  maxBatch(n: number | null, status?: 400 | 413): void;
  /** Yespo drops a token when a send fails with Forbidden (the user blocked the bot). */
  removeToken(token: string): void;
  /**
   * Adds a row to `GET /v2/contacts/activity`. Defaults: telegrambot, UNDELIVERED, now, a Forbidden
   * reason. Identifiers missing from the row are filled from the contact found by contactId or
   * externalCustomerId, as Yespo's rows carry the contact's identifiers.
   */
  addUndelivered(row: Partial<ActivityRow> & { contactId?: number; externalCustomerId?: string }): ActivityRow;
  /** While on, `GET /v2/contacts/activity` gets 403 (a key without permission to read activity). */
  forbidActivity(on: boolean): void;
  /** The app methods answer 404 "Not registered application" for `appUuid` from now on. */
  unregisterApp(): void;
  /** Registers `appUuid` again, or another app. */
  registerApp(uuid?: string): void;
}

export interface FakeYespoOptions {
  port?: number;
  apiKey?: string;
  appUuid?: string;
  organisationName?: string;
  userEmail?: string;
  orgId?: number;
  /** How long an identical `POST /v1/contact` body gets 409; Yespo's is one minute. */
  repeatWindowMs?: number;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TOKENS_PATH = /^\/v1\/apps\/([^/]+)\/tokens$/;
const MUTE_PATH = /^\/v1\/apps\/([^/]+)\/token\/(mute|unmute)$/;
const TOKEN_HOLDER_PATH = /^\/v1\/contact\/token\/([^/]+)\/([^/]+)\/contactId$/;

interface Fault {
  remaining: number;
  kind: FaultKind;
  paths?: RegExp;
}

interface Incoming {
  method: string;
  path: string;
  underRoot: boolean;
  query: URLSearchParams;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
  at: number;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A malformed escape is passed on as typed, so the endpoint answers "Wrong app uuid" instead of failing. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function basicPassword(header: string | undefined): string | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** Yespo's endpoints consume JSON; a charset other than UTF-8 is refused like a wrong type. */
function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || charset.replace(/"/g, '') === 'charset=utf-8';
}

function faultReply(kind: Exclude<FaultKind, 'hang' | 'reset' | 'echo-authorization'>, authorization: string | undefined): Reply {
  if ('echoAuthorization' in kind) return errorReply(kind.status, `${kind.message} (request headers: Authorization: ${authorization})`, 'message');
  switch (kind.status) {
    case 429: {
      const reply = textReply(429, 'Too Many Requests');
      return kind.retryAfter === undefined ? reply : { ...reply, headers: { 'Retry-After': String(kind.retryAfter) } };
    }
    case 500:
      return errorReply(500, 'Internal Server Error', 'message');
    case 502:
      return nginxPage(502);
    case 503:
      return textReply(503, 'Service Unavailable');
  }
}

export async function startFakeYespo(opts: FakeYespoOptions = {}): Promise<FakeYespo> {
  let apiKey = opts.apiKey ?? randomBytes(16).toString('hex').toUpperCase();
  const appUuid = (opts.appUuid ?? randomUUID()).toLowerCase();
  const state: YespoState = {
    account: {
      userEmail: opts.userEmail ?? 'owner@example.com',
      organisationName: opts.organisationName ?? 'Example Shop',
      orgId: opts.orgId ?? 771_204,
    },
    registeredApps: new Set([appUuid]),
    book: new ContactBook(),
    activity: new ActivityLog(),
    mutes: new Map(),
    rejectedTokens: new Map(),
    batchLimit: null,
    activityForbidden: false,
    recentContactBodies: new Map(),
    repeatWindowMs: opts.repeatWindowMs ?? 60_000,
    events: [],
  };
  const tokenRequests: TokenRequest[] = [];
  const requests: RequestRecord[] = [];
  let faults: Fault[] = [];
  let outageOn = false;
  let outageCount = 0;
  let rejectionCount = 0;

  function takeFault(path: string): FaultKind | null {
    const fault = faults.find((f) => {
      if (!f.paths) return true;
      f.paths.lastIndex = 0;
      return f.paths.test(path);
    });
    if (!fault) return null;
    if (--fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    return fault.kind;
  }

  function route(r: Incoming): Reply {
    if (basicPassword(r.authorization) !== apiKey) return textReply(401, 'Unauthorized');
    const tokens = TOKENS_PATH.exec(r.path);
    const mute = MUTE_PATH.exec(r.path);
    const holder = TOKEN_HOLDER_PATH.exec(r.path);
    const known = r.underRoot && (tokens || mute || holder || r.path === '/v1/account/info' || r.path === '/v1/contact' || r.path === '/v2/event' || r.path === '/v2/contacts/activity');
    if (!known) return textReply(404, 'Not Found');
    const expected = holder || r.path === '/v1/account/info' || r.path === '/v2/contacts/activity' ? 'GET' : 'POST';
    if (r.method !== expected) return textReply(405, 'Method Not Allowed');
    if (expected === 'POST' && !isJsonUtf8(r.contentType)) return textReply(415, 'Unsupported Media Type');

    if (tokens) return addTokens(state, decodeSegment(tokens[1]), r.body);
    if (mute) return muteToken(state, decodeSegment(mute[1]), r.body, mute[2] === 'mute');
    if (holder) return tokenContactId(state, decodeSegment(holder[1]), decodeSegment(holder[2]));
    if (r.path === '/v1/contact') return upsertContact(state, r.body, r.at);
    if (r.path === '/v2/event') return registerEvent(state, r.body, r.at);
    if (r.path === '/v2/contacts/activity') return contactActivity(state, r.query);
    return accountInfo(state);
  }

  function tokensOf(body: string): unknown[] {
    try {
      const tokens = (JSON.parse(body) as { tokens?: unknown }).tokens;
      return Array.isArray(tokens) ? tokens : [];
    } catch {
      return [];
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake-yespo');
    // A client whose base URL lacks `/api` reaches the same paths outside the root and must get 404.
    const underRoot = url.pathname.startsWith('/api/');
    const path = underRoot ? url.pathname.slice('/api'.length) : url.pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const tokensMatch = method === 'POST' && underRoot ? TOKENS_PATH.exec(path) : null;

    const record = (status: number): void => {
      requests.push({ method, path, status, at });
      if (tokensMatch) {
        tokenRequests.push({ appUuid: decodeSegment(tokensMatch[1]), tokens: body ? tokensOf(body) : [], status, at });
      }
    };
    const send = (reply: Reply): void => {
      record(reply.status);
      res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers });
      res.end(reply.body);
    };

    if (outageOn) {
      send(outageCount++ % 2 === 0 ? nginxPage(503) : textReply(503, 'Service Unavailable'));
      return;
    }
    const fault = takeFault(path);
    if (fault === 'hang') {
      record(0);
      return;
    }
    if (fault === 'reset') {
      record(0);
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === 'echo-authorization') {
      send(errorReply(500, `Unexpected error handling ${method} ${path} [Authorization: ${req.headers.authorization ?? ''}]`, 'message'));
      return;
    }
    if (fault) {
      send(faultReply(fault, req.headers.authorization));
      return;
    }
    if (body === null) {
      send(textReply(413, 'Request Entity Too Large'));
      return;
    }
    send(
      route({
        method,
        path,
        underRoot,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
        at,
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end(`fake-yespo: ${(e as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let refusing = false;

  return {
    url: `http://127.0.0.1:${port}/api`,
    get apiKey() {
      return apiKey;
    },
    appUuid,
    contacts: state.book.contacts,
    tokenRequests,
    requests,
    mutes: state.mutes,
    events: state.events,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (refusing) return resolve();
        server.close((e) => (e ? reject(e) : resolve()));
        // Hung requests and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
    setApiKey(key) {
      apiKey = key;
    },
    outage(on) {
      outageOn = on;
    },
    async refuseConnections(on) {
      if (on === refusing) return;
      refusing = on;
      await new Promise<void>((resolve, reject) => {
        if (on) {
          server.close((e) => (e ? reject(e) : resolve()));
          server.closeAllConnections();
        } else {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        }
      });
    },
    failNext(n, kind, paths) {
      if (n > 0) faults.push({ remaining: n, kind, paths });
    },
    rejectToken(token, message = `Invalid token: ${token}`, shape) {
      state.rejectedTokens.set(token, { message, shape: shape ?? ERROR_SHAPES[rejectionCount++ % ERROR_SHAPES.length] });
    },
    maxBatch(n, status = 413) {
      state.batchLimit = n === null ? null : { max: n, status };
    },
    removeToken(token) {
      state.book.removeToken(token);
    },
    addUndelivered(row) {
      const contact =
        (row.contactId !== undefined ? state.book.getById(row.contactId) : undefined) ??
        (row.externalCustomerId !== undefined ? state.book.find({ externalCustomerId: row.externalCustomerId }) : undefined);
      return state.activity.add({
        contactId: contact?.id,
        externalCustomerId: contact?.externalCustomerId,
        email: contact?.email,
        sms: contact?.phone,
        mediaType: 'telegrambot',
        activityStatus: 'UNDELIVERED',
        statusDescription: 'Forbidden: bot was blocked by the user',
        messageName: 'Newsletter',
        ...row,
        activityDateTime: row.activityDateTime ?? new Date().toISOString(),
      });
    },
    forbidActivity(on) {
      state.activityForbidden = on;
    },
    unregisterApp() {
      state.registeredApps.delete(appUuid);
    },
    registerApp(uuid = appUuid) {
      state.registeredApps.add(uuid.toLowerCase());
    },
  };
}
