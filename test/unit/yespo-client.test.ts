import { describe, expect, it } from 'vitest';
import { KEY_REJECTED, readErrorText, YespoClient } from '../../electron/core/yespo/client.js';
import {
  YespoAuthError,
  YespoBadRequest,
  YespoConflict,
  YespoNetworkError,
  YespoNotFound,
  YespoPermissionError,
  YespoRateLimited,
  YespoServerError,
} from '../../electron/core/yespo/errors.js';
import { lookUpToken } from '../../electron/core/yespo/token-lookup.js';

const KEY = 'SECRET-API-KEY-4242';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>): { fetch: typeof fetch; calls: Seen[] } {
  const calls: Seen[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const seen: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(seen);
    if (init?.signal?.aborted) throw init.signal.reason;
    return answer(seen);
  };
  return { fetch: fn as typeof fetch, calls };
}

const reply = (status: number, body: string, headers: Record<string, string> = {}) => () => new Response(body, { status, headers });

function client(answer: (seen: Seen) => Response | Promise<Response>, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const f = fakeFetch(answer);
  return { c: new YespoClient({ apiRoot: 'https://yespo.test/api/', apiKey: KEY, fetch: f.fetch, ...extra }), calls: f.calls };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('YespoClient requests', () => {
  it('sends Basic auth with the key as password and JSON in UTF-8', async () => {
    const { c, calls } = client(reply(200, ''));
    await c.pushTokens('11111111-2222-4333-8444-555555555555', [{ token: '42', externalCustomerId: 'tg-42' }]);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.url).toBe('https://yespo.test/api/v1/apps/11111111-2222-4333-8444-555555555555/tokens');
    expect(call.method).toBe('POST');
    const decoded = Buffer.from(call.headers.authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded.split(':').slice(1).join(':')).toBe(KEY);
    expect(call.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(call.body).toEqual({ tokens: [{ token: '42', externalCustomerId: 'tg-42' }] });
  });

  it('reads the account for a good key', async () => {
    const { c, calls } = client(reply(200, JSON.stringify({ organisationName: 'Flowers', userEmail: 'olena@example.com', orgId: 1 })));
    await expect(c.checkCredentials()).resolves.toEqual({ organisationName: 'Flowers', userEmail: 'olena@example.com' });
    expect(calls[0].url).toBe('https://yespo.test/api/v1/account/info');
    expect(calls[0].method).toBe('GET');
    expect(calls[0].headers['content-type']).toBeUndefined();
  });

  it('explains a 401 on the credentials check in words the owner can act on', async () => {
    const { c } = client(reply(401, 'Unauthorized'));
    const e = await failure(c.checkCredentials());
    expect(e).toBeInstanceOf(YespoAuthError);
    expect(e.message).toBe(KEY_REJECTED);
  });

  it('builds the contact update from name, phone and email channels', async () => {
    const { c, calls } = client(reply(200, '{"id":5}'));
    await c.updateContact({ externalCustomerId: 'tg-7', firstName: 'Olena', lastName: 'K', phone: '380501234567', email: 'o@example.com' });
    expect(calls[0].url).toBe('https://yespo.test/api/v1/contact');
    expect(calls[0].body).toEqual({
      externalCustomerId: 'tg-7',
      firstName: 'Olena',
      lastName: 'K',
      channels: [
        { type: 'sms', value: '380501234567' },
        { type: 'email', value: 'o@example.com' },
      ],
    });
  });

  it('mutes and unmutes one token', async () => {
    const { c, calls } = client(reply(200, 'OK'));
    await c.mute('11111111-2222-4333-8444-555555555555', '42', 3600);
    await c.unmute('11111111-2222-4333-8444-555555555555', '42');
    expect(calls.map((x) => [x.url.replace('https://yespo.test/api', ''), x.body])).toEqual([
      ['/v1/apps/11111111-2222-4333-8444-555555555555/token/mute', { token: '42', duration: 3600 }],
      ['/v1/apps/11111111-2222-4333-8444-555555555555/token/unmute', { token: '42' }],
    ]);
  });

  it('asks which contact holds a token, and reads a 404 or an odd answer as "not known"', async () => {
    const uuid = '11111111-2222-4333-8444-555555555555';
    const held = client(reply(200, '{"id":100000007}'));
    expect(await held.c.tokenHolder(uuid, '42')).toBe(100_000_007);
    expect(held.calls.map((x) => [x.method, x.url.replace('https://yespo.test/api', '')])).toEqual([['GET', `/v1/contact/token/${uuid}/42/contactId`]]);
    expect(await client(reply(404, 'Contact not found')).c.tokenHolder(uuid, '42')).toBeNull();
    expect(await client(reply(200, '')).c.tokenHolder(uuid, '42')).toBeNull();
    expect(await client(reply(200, '{"id":"x"}')).c.tokenHolder(uuid, '42')).toBeNull();
    expect(await failure(client(reply(503, 'Service Unavailable')).c.tokenHolder(uuid, '42'))).toBeInstanceOf(YespoServerError);
  });

  it('takes any failure of the token lookup as "not known", never as a failed push', async () => {
    const now = () => 5;
    expect(await lookUpToken(client(reply(200, '{"id":7}')).c, 'app', '42', now)).toEqual({ at: 5, contactId: 7 });
    expect(await lookUpToken(client(reply(404, 'Contact not found')).c, 'app', '42', now)).toEqual({ at: 5 });
    expect(await lookUpToken(client(reply(500, '{"message":"boom"}')).c, 'app', '42', now)).toEqual({ at: 5 });
  });

  it('asks for undelivered activity with the cursor and returns the rows', async () => {
    const rows = [{ offset: 'a', mediaType: 'telegrambot' }];
    const { c, calls } = client(reply(200, JSON.stringify(rows)));
    await expect(c.undelivered({ dateFrom: '2025-01-01', dateTo: '2025-01-31', offset: 'abc', maxrows: 500 })).resolves.toEqual(rows);
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/v2/contacts/activity');
    expect(Object.fromEntries(url.searchParams)).toEqual({ dateFrom: '2025-01-01', dateTo: '2025-01-31', activityStatus: 'UNDELIVERED', offset: 'abc', maxrows: '500' });
  });

  it('refuses an activity answer that is not a list', async () => {
    const { c } = client(reply(200, '{"oops":1}'));
    expect(await failure(c.undelivered({ dateFrom: '2025-01-01', dateTo: '2025-01-02' }))).toBeInstanceOf(YespoServerError);
  });
});

describe('YespoClient errors', () => {
  const cases: Array<[number, string, Record<string, string>, new (...a: never[]) => Error, string | undefined]> = [
    [400, 'Wrong app uuid', { 'content-type': 'text/plain' }, YespoBadRequest, 'Wrong app uuid'],
    [400, '{"message":"Invalid phone number: 1"}', { 'content-type': 'application/json' }, YespoBadRequest, 'Invalid phone number: 1'],
    [400, '{"errors":{"message":"Invalid email: x"}}', { 'content-type': 'application/json' }, YespoBadRequest, 'Invalid email: x'],
    [400, '{"errors":[{"message":"body/tokens must be array"}]}', { 'content-type': 'application/json' }, YespoBadRequest, 'body/tokens must be array'],
    [403, 'Forbidden', {}, YespoPermissionError, 'Forbidden'],
    [404, '{"message":"Not registered application"}', {}, YespoNotFound, 'Not registered application'],
    [409, 'Repeated request within 1 minute', {}, YespoConflict, 'Repeated request within 1 minute'],
    [415, 'Unsupported Media Type', {}, YespoBadRequest, 'Unsupported Media Type'],
    [500, '{"message":"Internal Server Error"}', {}, YespoServerError, 'Internal Server Error'],
    [503, '', {}, YespoServerError, undefined],
  ];
  for (const [status, body, headers, type, text] of cases) {
    it(`${status} ${body.slice(0, 40) || '(empty)'} → ${type.name}`, async () => {
      const { c } = client(reply(status, body, headers));
      const e = await failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]));
      expect(e).toBeInstanceOf(type);
      expect((e as YespoBadRequest).status).toBe(status);
      expect((e as YespoBadRequest).yespoText).toBe(text);
      expect(e.message).not.toContain(KEY);
    });
  }

  it('summarises an nginx page instead of dumping it', async () => {
    const html = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const { c } = client(reply(502, html, { 'content-type': 'text/html' }));
    const e = (await failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoServerError;
    expect(e).toBeInstanceOf(YespoServerError);
    expect(e.yespoText).toBe('502 Bad Gateway');
    expect(e.message).not.toMatch(/<|nginx/);
  });

  it('gives the 429 wait from Retry-After in seconds or as a date', async () => {
    const seconds = client(reply(429, 'Too Many Requests', { 'retry-after': '3' }));
    const e1 = (await failure(seconds.c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoRateLimited;
    expect(e1).toBeInstanceOf(YespoRateLimited);
    expect(e1.retryAfterMs).toBe(3_000);

    const date = new Date(Date.now() + 60_000).toUTCString();
    const dated = client(reply(429, 'Too Many Requests', { 'retry-after': date }));
    const e2 = (await failure(dated.c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoRateLimited;
    expect(e2.retryAfterMs).toBeGreaterThan(55_000);
    expect(e2.retryAfterMs).toBeLessThanOrEqual(60_000);

    const none = client(reply(429, 'Too Many Requests'));
    const e3 = (await failure(none.c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoRateLimited;
    expect(e3.retryAfterMs).toBeUndefined();
  });

  it('turns a refused connection into a network error', async () => {
    const { c } = client(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    });
    const e = (await failure(c.checkCredentials())) as YespoNetworkError;
    expect(e).toBeInstanceOf(YespoNetworkError);
    expect(e.aborted).toBe(false);
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('times out a call that never answers', async () => {
    // Like undici: the pending fetch rejects with the signal's reason when the timeout fires.
    const hung = new YespoClient({
      apiRoot: 'https://yespo.test/api',
      apiKey: KEY,
      timeoutMs: 50,
      fetch: ((_u: unknown, init?: RequestInit) =>
        new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch,
    });
    const e = (await failure(hung.checkCredentials())) as YespoNetworkError;
    expect(e).toBeInstanceOf(YespoNetworkError);
    expect(e.message).toMatch(/did not answer/);
    expect(e.aborted).toBe(false);
  });

  it('marks a call cancelled by its owner as aborted, not as a network failure', async () => {
    const controller = new AbortController();
    const c = new YespoClient({
      apiRoot: 'https://yespo.test/api',
      apiKey: KEY,
      signal: controller.signal,
      fetch: ((_u: unknown, init?: RequestInit) =>
        new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch,
    });
    const pending = failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]));
    controller.abort();
    const e = (await pending) as YespoNetworkError;
    expect(e).toBeInstanceOf(YespoNetworkError);
    expect(e.aborted).toBe(true);
  });

  it('never repeats the API key, even when Yespo echoes it', async () => {
    const { c } = client(reply(400, `Bad key ${KEY} in request`));
    const e = (await failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoBadRequest;
    expect(e.message).not.toContain(KEY);
    expect(e.yespoText).not.toContain(KEY);
  });

  it('never repeats the Authorization header it sent, when Yespo echoes it', async () => {
    const { c } = client((seen) => new Response(JSON.stringify({ message: `Rejected headers: Authorization: ${seen.headers.authorization}` }), { status: 500 }));
    const e = (await failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoServerError;
    const credential = Buffer.from(`api:${KEY}`).toString('base64');
    expect(e.message).toContain('Rejected headers');
    expect(e.message).not.toContain(credential);
    expect(e.yespoText).not.toContain(credential);
  });

  it('keeps the message of a 10 kB error body to 300 characters', async () => {
    const { c } = client(reply(500, `Internal error ${'x'.repeat(10_000)}`));
    const e = (await failure(c.pushTokens('u', [{ token: '1', phone: '380501234567' }]))) as YespoServerError;
    expect(e.message.startsWith('Yespo is having trouble (500: Internal error x')).toBe(true);
    expect(e.message.length).toBeLessThanOrEqual(300);
  });
});

describe('readErrorText', () => {
  it('prefers message, then errors.message, then the errors list', () => {
    expect(readErrorText('{"message":"a","errors":{"message":"b"}}', 'application/json')).toBe('a');
    expect(readErrorText('{"errors":[{"message":"a"},{"message":"b"}]}', null)).toBe('a; b');
    expect(readErrorText('"just a string"', 'application/json')).toBe('just a string');
  });

  it('keeps plain text, shortened and on one line', () => {
    expect(readErrorText('  Wrong\n app uuid ', 'text/plain')).toBe('Wrong app uuid');
    expect(readErrorText('x'.repeat(1000), 'text/plain')?.length).toBeLessThanOrEqual(300);
  });

  it('returns nothing for an empty body', () => {
    expect(readErrorText('   ', 'text/plain')).toBeUndefined();
  });

  it('falls back to the JSON text when it has no message', () => {
    expect(readErrorText('{"code":7}', 'application/json')).toBe('{"code":7}');
  });
});
