import { setMaxListeners } from 'node:events';
import { errorText } from '../error-text.js';
import { redact, rememberSecret } from '../redact.js';
import {
  YespoAuthError,
  YespoBadRequest,
  YespoConflict,
  YespoError,
  YespoNetworkError,
  YespoNotFound,
  YespoPermissionError,
  YespoRateLimited,
  YespoServerError,
} from './errors.js';
import { parseRetryAfter } from '../retry-delay.js';
import { requestSignal } from '../request-signal.js';

/** One entry of `POST /v1/apps/{app_uuid}/tokens`: the chat id as token, at least one identifier. */
export interface TokenEntry {
  token: string;
  contactId?: number;
  externalCustomerId?: string;
  phone?: string;
  email?: string;
}

/** What `POST /v1/contact` gets: `id` or `externalCustomerId` (or the channels) find the contact. */
export interface ContactUpdate {
  id?: number;
  externalCustomerId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
}

/** The fields of a `GET /v2/contacts/activity` row the product reads (the spec's ContactActivity). */
export interface ActivityRow {
  iid?: string;
  contactId?: number;
  externalCustomerId?: string;
  email?: string;
  sms?: string;
  mediaType?: string;
  activityStatus?: string;
  statusDescription?: string;
  messageName?: string;
  activityDateTime?: string;
  offset?: string;
}

export interface ActivityQuery {
  /** YYYY-MM-DD */
  dateFrom: string;
  /** YYYY-MM-DD */
  dateTo: string;
  offset?: string | number;
  maxrows?: number;
}

export interface YespoClientOptions {
  /** e.g. `https://yespo.io/api`; paths below it start with `/v1/` or `/v2/`. */
  apiRoot: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Cancels every call of this client (the sync is stopping). */
  signal?: AbortSignal;
}

export const KEY_REJECTED = 'This API key is wrong or disabled (Yespo disables keys unused for 90 days)';
const DEFAULT_TIMEOUT_MS = 20_000;
const JSON_TYPE = 'application/json; charset=UTF-8';

/** Yespo's explanation from an error body: plain text, `message`, `errors.message` or `errors[].message`. */
export function readErrorText(body: string, contentType: string | null): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)/i.test(text)) return summariseHtml(text);
  try {
    const fromJson = messageOf(JSON.parse(text) as unknown);
    if (fromJson) return errorText(fromJson);
  } catch {
    // Not JSON: the body is the message.
  }
  return errorText(text);
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!value || typeof value !== 'object') return undefined;
  const record = value as { message?: unknown; error?: unknown; errors?: unknown };
  if (typeof record.message === 'string' && record.message.trim()) return record.message.trim();
  if (Array.isArray(record.errors)) {
    const messages = record.errors.map((e) => messageOf(e)).filter((m): m is string => !!m);
    if (messages.length) return messages.slice(0, 3).join('; ');
  } else if (record.errors) {
    const nested = messageOf(record.errors);
    if (nested) return nested;
  }
  if (typeof record.error === 'string' && record.error.trim()) return record.error.trim();
  return undefined;
}

/** An nginx or load-balancer page says what it is in its title; the rest is markup nobody should read. */
function summariseHtml(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const clean = title?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  return clean ? errorText(clean) : 'an HTML error page';
}

function errorFor(status: number, text: string | undefined, retryAfter: string | null, now: number): YespoError {
  const said = text ? `: ${text}` : '';
  if (status === 401) return new YespoAuthError(`Yespo rejected the API key (401${said})`, status, text);
  if (status === 403) return new YespoPermissionError(`Yespo refused access with this API key (403${said})`, status, text);
  if (status === 404) return new YespoNotFound(`Yespo answered 404${said}`, status, text);
  if (status === 409) return new YespoConflict(`Yespo answered 409${said}`, status, text);
  if (status === 429) {
    return new YespoRateLimited(`Yespo is limiting requests (429${said})`, status, text, parseRetryAfter(retryAfter, now));
  }
  if (status >= 500 || status === 408) return new YespoServerError(`Yespo is having trouble (${status}${said})`, status, text);
  return new YespoBadRequest(`Yespo refused the request (${status}${said})`, status, text);
}

function networkError(error: unknown, timeoutMs: number, cancelled: boolean): YespoNetworkError {
  if (cancelled) return new YespoNetworkError('The call to Yespo was cancelled', true);
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return new YespoNetworkError(`Yespo did not answer within ${Math.round(timeoutMs / 1000)} s`);
  const reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new YespoNetworkError(`Yespo could not be reached (${redact(reason)})`);
}

/** The few Yespo REST methods the product uses. Every call has a timeout; every failure is typed. */
export class YespoClient {
  private readonly root: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly signal?: AbortSignal;

  constructor(opts: YespoClientOptions) {
    this.root = opts.apiRoot.replace(/\/+$/, '');
    // Any user name works; the key is the password, as in Yespo's own Shopify and WooCommerce apps.
    this.authorization = `Basic ${Buffer.from(`api:${opts.apiKey}`, 'utf8').toString('base64')}`;
    rememberSecret(opts.apiKey);
    // Exactly what goes on the wire: a server that echoes its request headers must not get it stored.
    rememberSecret(this.authorization);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchFn = opts.fetch ?? fetch;
    this.signal = opts.signal;
    // Each call in flight listens on it until it ends; the sync's lanes keep a few dozen at most.
    if (opts.signal) setMaxListeners(100, opts.signal);
  }

  /** `GET /v1/account/info`: proves the key (not its permissions) and names the account. */
  async checkCredentials(): Promise<{ organisationName: string; userEmail: string }> {
    try {
      const info = JSON.parse((await this.request('GET', '/v1/account/info')) || '{}') as { organisationName?: unknown; userEmail?: unknown };
      return {
        organisationName: typeof info.organisationName === 'string' ? info.organisationName : '',
        userEmail: typeof info.userEmail === 'string' ? info.userEmail : '',
      };
    } catch (error) {
      if (error instanceof YespoAuthError) throw new YespoAuthError(KEY_REJECTED, error.status, error.yespoText);
      if (error instanceof SyntaxError) throw new YespoServerError('Yespo answered with something that is not JSON', 200);
      throw error;
    }
  }

  /** `POST /v1/apps/{app_uuid}/tokens`. The 200 body is an untyped string and carries nothing. */
  async pushTokens(appUuid: string, tokens: TokenEntry[]): Promise<void> {
    await this.request('POST', `/v1/apps/${encodeURIComponent(appUuid)}/tokens`, { tokens });
  }

  /** `POST /v1/contact`: finds the contact and sets the name and the phone/email channels. */
  async updateContact(contact: ContactUpdate): Promise<void> {
    const channels: Array<{ type: 'sms' | 'email'; value: string }> = [];
    if (contact.phone) channels.push({ type: 'sms', value: contact.phone });
    if (contact.email) channels.push({ type: 'email', value: contact.email });
    const body: Record<string, unknown> = { channels };
    if (contact.id !== undefined) body.id = contact.id;
    if (contact.externalCustomerId !== undefined) body.externalCustomerId = contact.externalCustomerId;
    if (contact.firstName) body.firstName = contact.firstName;
    if (contact.lastName) body.lastName = contact.lastName;
    await this.request('POST', '/v1/contact', body);
  }

  /**
   * `GET /v1/contact/token/{app_uuid}/{token}/contactId`: the contact holding a token, or null when
   * Yespo does not know the token (404) or names no contact.
   */
  async tokenHolder(appUuid: string, token: string): Promise<number | null> {
    let text: string;
    try {
      text = await this.request('GET', `/v1/contact/token/${encodeURIComponent(appUuid)}/${encodeURIComponent(token)}/contactId`);
    } catch (error) {
      if (error instanceof YespoNotFound) return null;
      throw error;
    }
    try {
      const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
      return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
    } catch {
      return null;
    }
  }

  /**
   * `POST /v1/apps/{app_uuid}/token/mute`: pauses newsletters to one chat for `seconds` (5 .. 31,536,000),
   * or without them until unmuted.
   */
  async mute(appUuid: string, token: string, seconds?: number): Promise<void> {
    await this.request('POST', `/v1/apps/${encodeURIComponent(appUuid)}/token/mute`, seconds === undefined ? { token } : { token, duration: seconds });
  }

  async unmute(appUuid: string, token: string): Promise<void> {
    await this.request('POST', `/v1/apps/${encodeURIComponent(appUuid)}/token/unmute`, { token });
  }

  /** `POST /v2/event`: starts workflows and feeds segments; applies only to an existing contact. */
  async sendEvent(event: { eventTypeKey: string; params: Array<{ name: string; value: string }> }): Promise<void> {
    await this.request('POST', '/v2/event', event);
  }

  /** One page of `GET /v2/contacts/activity?activityStatus=UNDELIVERED`, all media types. */
  async undelivered(q: ActivityQuery): Promise<ActivityRow[]> {
    const query = new URLSearchParams({ dateFrom: q.dateFrom, dateTo: q.dateTo, activityStatus: 'UNDELIVERED' });
    if (q.offset !== undefined && q.offset !== '') query.set('offset', String(q.offset));
    if (q.maxrows !== undefined) query.set('maxrows', String(q.maxrows));
    const text = await this.request('GET', `/v2/contacts/activity?${query}`);
    let rows: unknown;
    try {
      rows = JSON.parse(text || '[]');
    } catch {
      throw new YespoServerError('Yespo answered the activity request with something that is not JSON', 200);
    }
    if (!Array.isArray(rows)) throw new YespoServerError('Yespo answered the activity request with something that is not a list', 200);
    return rows.filter((r): r is ActivityRow => !!r && typeof r === 'object');
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<string> {
    const { signal, done } = requestSignal(this.timeoutMs, this.signal);
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = JSON_TYPE;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(`${this.root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      text = await res.text();
    } catch (error) {
      throw networkError(error, this.timeoutMs, this.signal?.aborted === true);
    } finally {
      done();
    }
    if (res.ok) return text;
    throw errorFor(res.status, readErrorText(text, res.headers.get('content-type')), res.headers.get('retry-after'), Date.now());
  }
}
