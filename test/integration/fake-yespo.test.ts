import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeYespo, type FakeYespo } from '../fakes/yespo/server.js';
import { SPEC_PATH } from '../fakes/yespo/spec-validator.js';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const REPEAT_WINDOW_MS = 300;

let fake: FakeYespo;

beforeEach(async () => {
  fake = await startFakeYespo({ repeatWindowMs: REPEAT_WINDOW_MS, organisationName: 'Coffee & Co', userEmail: 'boss@coffee.test' });
});
afterEach(async () => {
  await fake.close();
});

function basic(key: string, user = 'any-user'): string {
  return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

async function call(
  method: string,
  apiPath: string,
  body?: unknown,
  init: { key?: string | null; contentType?: string; raw?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const key = init.key === undefined ? fake.apiKey : init.key;
  if (key !== null) headers.Authorization = basic(key);
  if (body !== undefined || init.raw !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json; charset=UTF-8';
  const res = await fetch(fake.url + apiPath, {
    method,
    headers,
    body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: init.signal,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const pushTokens = (tokens: unknown[], appUuid = fake.appUuid) => call('POST', `/v1/apps/${appUuid}/tokens`, { tokens });

/** Reads an error body the way a client must: plain text, `message`, `errors.message` or `errors[0].message`. */
function errorText(text: string): string {
  try {
    const json = JSON.parse(text) as { message?: string; errors?: { message?: string } | Array<{ message?: string }> };
    if (json.message) return json.message;
    if (Array.isArray(json.errors)) return json.errors[0]?.message ?? text;
    return json.errors?.message ?? text;
  } catch {
    return text;
  }
}

const contactOf = (token: string) => fake.contacts.find((c) => c.tokens.some((t) => t.token === token));

describe('spec file', () => {
  it('keeps a copy of the shared OpenAPI spec that has every path the fake serves', () => {
    const copy = readFileSync(SPEC_PATH, 'utf8');
    const spec = JSON.parse(copy) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.0.1');
    for (const p of ['/api/v1/apps/{app_uuid}/tokens', '/api/v1/contact', '/api/v1/account/info', '/api/v2/contacts/activity', '/api/v1/apps/{app_uuid}/token/mute', '/api/v2/event', '/api/v1/contact/token/{app_uuid}/{token_id}/contactId']) {
      expect(spec.paths).toHaveProperty([p]);
    }
    const shared = path.resolve(repoRoot, '../shared/reference/yespo-openapi.json');
    // The copy must not drift from the reference when the reference is beside the repo.
    if (existsSync(shared)) expect(copy).toBe(readFileSync(shared, 'utf8'));
  });
});

describe('auth and routing', () => {
  it('accepts Basic auth with any user name and the key as password', async () => {
    for (const user of ['any-user', '', 'shopify']) {
      const res = await fetch(`${fake.url}/v1/account/info`, { headers: { Authorization: basic(fake.apiKey, user) } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ userEmail: 'boss@coffee.test', organisationName: 'Coffee & Co', orgId: expect.any(Number) });
    }
  });

  it('answers 401 in plain text for a missing or wrong key, and for the old key after rotation', async () => {
    const missing = await call('GET', '/v1/account/info', undefined, { key: null });
    expect(missing).toMatchObject({ status: 401, text: 'Unauthorized' });
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await call('GET', '/v1/account/info', undefined, { key: 'WRONG' })).status).toBe(401);
    const old = fake.apiKey;
    fake.setApiKey('NEW-KEY-123');
    expect(fake.apiKey).toBe('NEW-KEY-123');
    expect((await call('GET', '/v1/account/info', undefined, { key: old })).status).toBe(401);
    expect((await call('GET', '/v1/account/info')).status).toBe(200);
  });

  it('answers 404 for unknown paths, 405 for wrong methods, and records every request', async () => {
    expect((await call('GET', '/v1/contacts')).status).toBe(404);
    expect((await fetch(fake.url.replace(/\/api$/, '/v1/account/info'), { headers: { Authorization: basic(fake.apiKey) } })).status).toBe(404);
    expect((await call('POST', '/v1/account/info', {})).status).toBe(405);
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/v1/contacts', 404],
      ['GET', '/v1/account/info', 404],
      ['POST', '/v1/account/info', 405],
    ]);
  });
});

describe('POST /v1/apps/{app_uuid}/tokens', () => {
  it('creates a contact with every identifier and the token, and answers 200 with an ignorable body', async () => {
    const res = await pushTokens([{ token: '123456789', externalCustomerId: 'tg-123456789', phone: '380501234567', email: 'a@b.co' }]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(fake.contacts).toEqual([
      {
        id: expect.any(Number),
        externalCustomerId: 'tg-123456789',
        phone: '380501234567',
        email: 'a@b.co',
        tokens: [{ appUuid: fake.appUuid, token: '123456789' }],
      },
    ]);
    expect(fake.tokenRequests).toEqual([
      { appUuid: fake.appUuid, tokens: [expect.objectContaining({ token: '123456789' })], status: 200, at: expect.any(Number) },
    ]);
  });

  it('matches contactId → externalCustomerId → phone → email and adds only the token to a found contact', async () => {
    expect((await pushTokens([{ token: 'a1', externalCustomerId: 'ext-a', phone: '380500000001' }, { token: 'b1', email: 'B@Shop.test' }])).status).toBe(200);
    const a = contactOf('a1')!;
    const b = contactOf('b1')!;
    expect(a).not.toBe(b);

    await pushTokens([{ token: 'a2', externalCustomerId: 'ext-a', email: 'b@shop.test' }]); // externalCustomerId wins over email
    await pushTokens([{ token: 'a3', phone: '380500000001', email: 'b@shop.test' }]); // phone wins over email
    await pushTokens([{ token: 'b2', contactId: b.id, externalCustomerId: 'ext-a' }]); // contactId wins over everything
    await pushTokens([{ token: 'b3', email: 'b@shop.TEST' }]); // email matches case-insensitively
    await pushTokens([{ token: 'a4', externalCustomerId: 'ext-a', phone: '380509999999' }]); // found: phone not changed

    expect(fake.contacts).toHaveLength(2);
    expect(a).toMatchObject({ externalCustomerId: 'ext-a', phone: '380500000001' });
    expect(a.email).toBeUndefined();
    expect(a.tokens.map((t) => t.token)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(b).toMatchObject({ email: 'B@Shop.test' });
    expect(b.externalCustomerId).toBeUndefined();
    expect(b.tokens.map((t) => t.token)).toEqual(['b1', 'b2', 'b3']);
  });

  it('falls through an unknown contactId to the other identifiers, and refuses a lone unknown contactId', async () => {
    expect((await pushTokens([{ token: 't1', contactId: 42, externalCustomerId: 'x-1' }])).status).toBe(200);
    expect(fake.contacts).toHaveLength(1);
    expect(fake.contacts[0].id).not.toBe(42);
    const lone = await pushTokens([{ token: 't2', contactId: 42 }]);
    expect(lone.status).toBe(400);
    expect(errorText(lone.text)).toMatch(/Contact not found/);
  });

  it('stores a repeated token once and keeps two different tokens of one contact', async () => {
    for (let i = 0; i < 2; i++) expect((await pushTokens([{ token: '555', email: 'one@mail.test' }])).status).toBe(200);
    await pushTokens([{ token: '556', email: 'one@mail.test' }]);
    expect(fake.contacts).toHaveLength(1);
    expect(fake.contacts[0].tokens.map((t) => t.token)).toEqual(['555', '556']);
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('validates the body against the spec and the documented rules, all-or-nothing per batch', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[{ externalCustomerId: 'x' }], /^Token must be specified$/],
      [[{ token: '', externalCustomerId: 'x' }], /^Token must be specified$/],
      [[{ token: 123, externalCustomerId: 'x' }], /tokens\/0\/token must be string/],
      [[{ token: '1', contactId: 'abc' }], /contactId must be integer/],
      [[{ token: '1', contactId: 1.5 }], /contactId must be integer/],
      [[{ token: '1' }], /identifier must be specified/],
      [[{ token: '1', phone: '' }], /identifier must be specified/],
      [[{ token: '1', phone: '+38 050 123' }], /Invalid phone number/],
      [[{ token: '1', email: 'not-an-email' }], /Invalid email/],
      [[{ token: '1', email: 'a@b.co', firstName: 'Ann' }], /Unrecognized field "firstName"/],
      [[], /Tokens must be specified/],
      [[{ token: 'ok', email: 'fine@mail.test' }, { token: 'bad' }], /identifier must be specified/],
    ];
    for (const [tokens, message] of cases) {
      const res = await pushTokens(tokens as unknown[]);
      expect(res.status, JSON.stringify(tokens)).toBe(400);
      expect(errorText(res.text), JSON.stringify(tokens)).toMatch(message);
    }
    const notAnArray = await call('POST', `/v1/apps/${fake.appUuid}/tokens`, { tokens: { token: '1' } });
    expect(notAnArray.status).toBe(400);
    expect(errorText(notAnArray.text)).toMatch(/tokens must be array/);
    const badJson = await call('POST', `/v1/apps/${fake.appUuid}/tokens`, undefined, { raw: '{"tokens": [' });
    expect(badJson.status).toBe(400);
    expect(errorText(badJson.text)).toMatch(/JSON parse error/);
    expect(fake.contacts).toEqual([]);
  });

  it('refuses a content type other than JSON with 415 and accepts JSON without a charset', async () => {
    const body = JSON.stringify({ tokens: [{ token: '1', email: 'a@b.co' }] });
    const apiPath = `/v1/apps/${fake.appUuid}/tokens`;
    expect((await call('POST', apiPath, undefined, { raw: body, contentType: 'text/plain' })).status).toBe(415);
    expect((await call('POST', apiPath, undefined, { raw: body, contentType: 'application/json; charset=ISO-8859-1' })).status).toBe(415);
    expect((await call('POST', apiPath, undefined, { raw: body, contentType: 'application/json' })).status).toBe(200);
  });

  it('answers 400 "Wrong app uuid" for a malformed uuid and 404 "Not registered application" for an unknown one', async () => {
    const item = [{ token: '1', email: 'a@b.co' }];
    const wrong = await pushTokens(item, 'not-a-uuid');
    expect(wrong).toMatchObject({ status: 400, text: 'Wrong app uuid' });
    const unknown = await pushTokens(item, '0b6b5bd2-6bd4-4b43-9d0c-6cdd0c0f1a7e');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ message: 'Not registered application' });

    fake.unregisterApp();
    expect(errorText((await pushTokens(item)).text)).toBe('Not registered application');
    fake.registerApp();
    expect((await pushTokens(item)).status).toBe(200);
    expect(fake.tokenRequests.map((r) => [r.appUuid, r.status])).toEqual([
      ['not-a-uuid', 400],
      ['0b6b5bd2-6bd4-4b43-9d0c-6cdd0c0f1a7e', 404],
      [fake.appUuid, 404],
      [fake.appUuid, 200],
    ]);
  });

  it('rejectToken fails any batch that carries the token, in each of Yespo error shapes in turn', async () => {
    fake.rejectToken('bad-1', 'Invalid phone number');
    fake.rejectToken('bad-2');
    fake.rejectToken('bad-3', 'Contact is blocked');
    fake.rejectToken('bad-4', 'Token is not valid');
    const bodies: string[] = [];
    for (const token of ['bad-1', 'bad-2', 'bad-3', 'bad-4']) {
      const res = await pushTokens([{ token: 'good', email: 'g@mail.test' }, { token, email: `${token}@mail.test` }]);
      expect(res.status).toBe(400);
      bodies.push(res.text);
    }
    expect(bodies).toEqual([
      'Invalid phone number',
      JSON.stringify({ message: 'Invalid token: bad-2' }),
      JSON.stringify({ errors: { message: 'Contact is blocked' } }),
      JSON.stringify({ errors: [{ message: 'Token is not valid' }] }),
    ]);
    expect(fake.contacts).toEqual([]);
    expect((await pushTokens([{ token: 'good', email: 'g@mail.test' }])).status).toBe(200);
  });

  it('maxBatch refuses larger batches with 413 or 400 "Too many tokens" until lifted', async () => {
    const batch = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ token: String(from + i), externalCustomerId: `tg-${from + i}` }));
    fake.maxBatch(3);
    const tooBig = await pushTokens(batch(4));
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toMatch(/^Too many tokens/);
    expect((await pushTokens(batch(3))).status).toBe(200);
    fake.maxBatch(2, 400);
    const tooBig400 = await pushTokens(batch(3, 10));
    expect(tooBig400.status).toBe(400);
    expect(errorText(tooBig400.text)).toMatch(/^Too many tokens/);
    fake.maxBatch(null);
    expect((await pushTokens(batch(50, 100))).status).toBe(200);
    expect(fake.contacts).toHaveLength(53);
  });

  it('removeToken drops the token so a later push adds it again', async () => {
    await pushTokens([{ token: '777', externalCustomerId: 'tg-777' }]);
    const contact = fake.contacts[0];
    fake.removeToken('777');
    expect(contact.tokens).toEqual([]);
    await pushTokens([{ token: '777', externalCustomerId: 'tg-777' }]);
    expect(fake.contacts).toHaveLength(1);
    expect(contact.tokens).toEqual([{ appUuid: fake.appUuid, token: '777' }]);
  });

  it('names the contact holding a token, and answers 404 in plain text for a token it does not know', async () => {
    await pushTokens([{ token: '778', externalCustomerId: 'tg-778' }]);
    const held = await call('GET', `/v1/contact/token/${fake.appUuid}/778/contactId`);
    expect(held.status).toBe(200);
    expect(JSON.parse(held.text)).toEqual({ id: contactOf('778')?.id });
    fake.removeToken('778');
    const dropped = await call('GET', `/v1/contact/token/${fake.appUuid}/778/contactId`);
    expect(dropped).toMatchObject({ status: 404, text: 'Contact not found' });
    expect(dropped.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await call('POST', `/v1/contact/token/${fake.appUuid}/778/contactId`, {})).status).toBe(405);
  });

  it('takes 100,000 tokens in batches of 1,000', async () => {
    for (let b = 0; b < 100; b++) {
      const tokens = Array.from({ length: 1000 }, (_, i) => {
        const id = b * 1000 + i;
        return { token: String(1_000_000 + id), externalCustomerId: `tg-${1_000_000 + id}` };
      });
      expect((await pushTokens(tokens)).status).toBe(200);
    }
    expect(fake.contacts).toHaveLength(100_000);
    expect(fake.tokenRequests).toHaveLength(100);
  }, 60_000);
});

describe('POST /v1/contact', () => {
  it('creates and updates contacts, answering {id}', async () => {
    await pushTokens([{ token: '900', externalCustomerId: 'tg-900' }]);
    const existing = fake.contacts[0];
    const res = await call('POST', '/v1/contact', {
      externalCustomerId: 'tg-900',
      firstName: 'Olena',
      lastName: 'Koval',
      channels: [{ type: 'sms', value: '380671112233' }, { type: 'email', value: 'olena@mail.test' }],
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ id: existing.id });
    expect(existing).toMatchObject({ firstName: 'Olena', lastName: 'Koval', phone: '380671112233', email: 'olena@mail.test' });

    const created = await call('POST', '/v1/contact', { firstName: 'New', channels: [{ type: 'email', value: 'new@mail.test' }] });
    expect(created.status).toBe(200);
    expect(fake.contacts).toHaveLength(2);
    expect(fake.contacts[1]).toMatchObject({ id: JSON.parse(created.text).id, firstName: 'New', email: 'new@mail.test' });

    // The phone added above now matches the contact for a token push.
    await pushTokens([{ token: '901', phone: '380671112233' }]);
    expect(existing.tokens.map((t) => t.token)).toEqual(['900', '901']);
  });

  it('answers 409 "Repeated request within 1 minute" to the same body inside the window', async () => {
    const body = { externalCustomerId: 'rep-1', firstName: 'A', channels: [] };
    expect((await call('POST', '/v1/contact', body)).status).toBe(200);
    expect(await call('POST', '/v1/contact', body)).toMatchObject({ status: 409, text: 'Repeated request within 1 minute' });
    expect((await call('POST', '/v1/contact', { ...body, firstName: 'B' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, REPEAT_WINDOW_MS + 50));
    expect((await call('POST', '/v1/contact', body)).status).toBe(200);
  });

  it('validates the body against the Contact schema', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ firstName: 'No channels' }, /must have required property 'channels'/],
      [{ channels: [{ type: 'telegram', value: '1' }] }, /type must be equal to one of the allowed values/],
      [{ id: 'x', channels: [] }, /id must be integer/],
      [{ channels: [] }, /must have an email, a phone or an externalCustomerId/],
      [{ channels: [{ type: 'sms', value: 'call me' }] }, /Invalid phone number/],
    ];
    for (const [body, message] of cases) {
      const res = await call('POST', '/v1/contact', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorText(res.text), JSON.stringify(body)).toMatch(message);
    }
    expect(fake.contacts).toEqual([]);
  });
});

describe('mute and unmute', () => {
  it('records mutes per token and validates the request', async () => {
    const mute = (body: unknown, uuid = fake.appUuid) => call('POST', `/v1/apps/${uuid}/token/mute`, body);
    const unmute = (body: unknown, uuid = fake.appUuid) => call('POST', `/v1/apps/${uuid}/token/unmute`, body);

    const before = Date.now();
    expect((await mute({ token: '111', duration: 60 })).status).toBe(200);
    expect(fake.mutes.get('111')).toBeGreaterThanOrEqual(before + 60_000);
    expect((await mute({ token: '222' })).status).toBe(200);
    expect(fake.mutes.get('222')).toBeNull();
    expect((await unmute({ token: '111' })).status).toBe(200);
    expect(fake.mutes.has('111')).toBe(false);

    expect(await mute({ duration: 60 })).toMatchObject({ status: 400, text: 'Token must be specified' });
    expect(await unmute({})).toMatchObject({ status: 400, text: 'Token must be specified' });
    expect(await mute({ token: '1', duration: 1 })).toMatchObject({ status: 400, text: 'Duration must be positive integer' });
    expect(await mute({ token: '1' }, 'nope')).toMatchObject({ status: 400, text: 'Wrong app uuid' });
    const unknown = await unmute({ token: '1' }, '0b6b5bd2-6bd4-4b43-9d0c-6cdd0c0f1a7e');
    expect(unknown.status).toBe(404);
    expect(errorText(unknown.text)).toBe('Not registered application');
  });
});

describe('fault injection', () => {
  it('answers 429 with and without Retry-After, for the next n matching calls only', async () => {
    fake.failNext(2, { status: 429, retryAfter: 7 }, /\/tokens$/);
    fake.failNext(1, { status: 429 });
    const info = await call('GET', '/v1/account/info');
    expect(info.status).toBe(429);
    expect(info.headers.get('retry-after')).toBeNull();
    for (let i = 0; i < 2; i++) {
      const res = await pushTokens([{ token: '1', email: 'a@b.co' }]);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
    }
    expect((await pushTokens([{ token: '1', email: 'a@b.co' }])).status).toBe(200);
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('injects 500, 502 and 503 before auth is checked', async () => {
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 502 });
    fake.failNext(1, { status: 503 });
    const r500 = await call('GET', '/v1/account/info', undefined, { key: 'wrong' });
    expect(r500.status).toBe(500);
    expect(errorText(r500.text)).toBe('Internal Server Error');
    const r502 = await call('GET', '/v1/account/info');
    expect(r502.status).toBe(502);
    expect(r502.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(await call('GET', '/v1/account/info')).toMatchObject({ status: 503, text: 'Service Unavailable' });
    expect((await call('GET', '/v1/account/info')).status).toBe(200);
  });

  it('outage answers 503 to everything, as nginx HTML and plain text, until it ends', async () => {
    fake.outage(true);
    const first = await call('GET', '/v1/account/info');
    const second = await pushTokens([{ token: '1', email: 'a@b.co' }]);
    expect([first.status, second.status]).toEqual([503, 503]);
    expect(first.headers.get('content-type')).toBe('text/html');
    expect(first.text).toContain('503 Service Temporarily Unavailable');
    expect(second.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(fake.contacts).toEqual([]);
    fake.outage(false);
    expect((await pushTokens([{ token: '1', email: 'a@b.co' }])).status).toBe(200);
  });

  it('echo-authorization answers 500 with the Authorization header in its message, and stores nothing', async () => {
    fake.failNext(1, 'echo-authorization', /\/tokens$/);
    const echoed = await pushTokens([{ token: '1', email: 'a@b.co' }]);
    expect(echoed.status).toBe(500);
    expect(JSON.parse(echoed.text).message).toBe(`Unexpected error handling POST /v1/apps/${fake.appUuid}/tokens [Authorization: ${basic(fake.apiKey)}]`);
    expect(fake.contacts).toEqual([]);
  });

  it('refuseConnections closes the port (ECONNREFUSED) until it opens again on the same address', async () => {
    await fake.refuseConnections(true);
    const refused = await call('GET', '/v1/account/info').then(
      () => 'answered',
      (error: unknown) => ((error as { cause?: { code?: string } }).cause?.code ?? String(error)),
    );
    expect(refused).toBe('ECONNREFUSED');
    await fake.refuseConnections(false);
    expect((await pushTokens([{ token: '1', email: 'a@b.co' }])).status).toBe(200);
    await fake.refuseConnections(true);
  });

  it('hang never answers and stores nothing; close() still returns', async () => {
    fake.failNext(1, 'hang', /\/tokens$/);
    const hung = pushTokens([{ token: '1', email: 'a@b.co' }]).then(
      () => 'answered',
      () => 'failed',
    );
    expect((await call('GET', '/v1/account/info')).status).toBe(200);
    expect((await pushTokens([{ token: '2', email: 'c@d.co' }])).status).toBe(200);
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([0, 200]);
    expect(fake.contacts.map((c) => c.email)).toEqual(['c@d.co']);
    await fake.close();
    expect(await hung).toBe('failed');
    fake = await startFakeYespo();
  });

  it('a client timeout ends a hung call', async () => {
    fake.failNext(1, 'hang');
    await expect(call('GET', '/v1/account/info', undefined, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    expect((await call('GET', '/v1/account/info')).status).toBe(200);
  });

  it('reset drops the connection without an answer', async () => {
    fake.failNext(1, 'reset', /\/tokens$/);
    await expect(pushTokens([{ token: '1', email: 'a@b.co' }])).rejects.toThrow(/fetch failed/);
    expect(fake.contacts).toEqual([]);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', status: 0 });
    expect((await pushTokens([{ token: '1', email: 'a@b.co' }])).status).toBe(200);
  });
});

describe('GET /v2/contacts/activity', () => {
  const activity = (query: Record<string, string>) => call('GET', `/v2/contacts/activity?${new URLSearchParams(query).toString()}`);

  it('returns undelivered rows in the period, paged by the offset cursor, with every media type mixed in', async () => {
    await pushTokens([{ token: '300', externalCustomerId: 'tg-300', phone: '380503000000' }]);
    const contact = fake.contacts[0];
    const filled = fake.addUndelivered({ contactId: contact.id, activityDateTime: '2024-03-01T10:00:00.000Z' });
    expect(filled).toMatchObject({
      contactId: contact.id,
      externalCustomerId: 'tg-300',
      sms: '380503000000',
      mediaType: 'telegrambot',
      activityStatus: 'UNDELIVERED',
      statusDescription: expect.any(String),
      offset: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    fake.addUndelivered({ externalCustomerId: 'tg-301', mediaType: 'email', email: 'x@mail.test', activityDateTime: '2024-03-02T10:00:00.000Z' });
    fake.addUndelivered({ externalCustomerId: 'tg-302', activityDateTime: '2024-03-03T10:00:00.000Z', statusDescription: 'Forbidden: user is deactivated' });
    fake.addUndelivered({ externalCustomerId: 'tg-303', activityStatus: 'DELIVERED', activityDateTime: '2024-03-03T11:00:00.000Z' });
    fake.addUndelivered({ externalCustomerId: 'tg-304', activityDateTime: '2024-03-04T23:59:59.000Z' });
    fake.addUndelivered({ externalCustomerId: 'tg-305', activityDateTime: '2024-03-05T00:00:00.000Z' }); // after dateTo
    fake.addUndelivered({ externalCustomerId: 'tg-299', activityDateTime: '2024-02-29T23:59:59.000Z' }); // before dateFrom

    const base = { dateFrom: '2024-03-01', dateTo: '2024-03-04', activityStatus: 'UNDELIVERED', maxrows: '2' };
    const page1 = await activity(base);
    expect(page1.status).toBe(200);
    const rows1 = JSON.parse(page1.text) as Array<{ externalCustomerId: string; offset: string; mediaType: string }>;
    expect(rows1.map((r) => r.externalCustomerId)).toEqual(['tg-300', 'tg-301']);
    expect(rows1[1].mediaType).toBe('email');
    const page2 = JSON.parse((await activity({ ...base, offset: rows1[1].offset })).text) as typeof rows1;
    expect(page2.map((r) => r.externalCustomerId)).toEqual(['tg-302', 'tg-304']);
    const page3 = JSON.parse((await activity({ ...base, offset: page2[1].offset })).text) as typeof rows1;
    expect(page3).toEqual([]);

    const all = JSON.parse((await activity({ dateFrom: '2024-02-01', dateTo: '2024-03-31' })).text) as typeof rows1;
    expect(all.map((r) => r.externalCustomerId)).toEqual(['tg-299', 'tg-300', 'tg-301', 'tg-302', 'tg-303', 'tg-304', 'tg-305']);
    const telegram = all.filter((r) => r.mediaType === 'telegrambot');
    expect(telegram).toHaveLength(6);
  });

  it('refuses a missing or bad period and bad parameters with 400', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ dateTo: '2024-03-01' }, /'dateFrom'/],
      [{ dateFrom: '2024-03-01' }, /'dateTo'/],
      [{ dateFrom: '2024-01-01', dateTo: '2024-04-02' }, /3 months/],
      [{ dateFrom: '2024-03-02', dateTo: '2024-03-01' }, /after dateTo/],
      [{ dateFrom: '01.03.2024', dateTo: '2024-03-02' }, /Invalid dateFrom/],
      [{ dateFrom: '2024-02-30', dateTo: '2024-03-02' }, /Invalid dateFrom/],
      [{ dateFrom: '2024-03-01', dateTo: '2024-03-02', activityStatus: 'FAILED' }, /Invalid activityStatus/],
      [{ dateFrom: '2024-03-01', dateTo: '2024-03-02', offset: 'abc' }, /Invalid offset/],
      [{ dateFrom: '2024-03-01', dateTo: '2024-03-02', maxrows: '0' }, /Invalid maxrows/],
    ];
    for (const [query, message] of cases) {
      const res = await activity(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(errorText(res.text), JSON.stringify(query)).toMatch(message);
    }
    expect((await activity({ dateFrom: '2024-01-01', dateTo: '2024-04-01' })).status).toBe(200);
  });

  it('answers 403 while the key may not read activity', async () => {
    fake.forbidActivity(true);
    expect((await activity({ dateFrom: '2024-03-01', dateTo: '2024-03-02' })).status).toBe(403);
    fake.forbidActivity(false);
    expect(await activity({ dateFrom: '2024-03-01', dateTo: '2024-03-02' })).toMatchObject({ status: 200, text: '[]' });
  });
});

describe('POST /v2/event', () => {
  const event = (body: unknown) => call('POST', '/v2/event', body);

  it('records an event for the contact its params identify, with string params', async () => {
    expect((await pushTokens([{ token: '501', phone: '380501112233' }])).status).toBe(200);
    const params = [
      { name: 'phone', value: '380501112233' },
      { name: 'chatId', value: '501' },
      { name: 'data', value: 'promo_spring' },
    ];
    expect((await event({ eventTypeKey: 'telegramButton', params })).status).toBe(200);
    expect(fake.events).toEqual([
      { eventTypeKey: 'telegramButton', params: { phone: '380501112233', chatId: '501', data: 'promo_spring' }, contactId: contactOf('501')!.id, at: expect.any(Number) },
    ]);
  });

  it('refuses a body off the schema, a bad key, no identifier and an unknown contact, recording nothing', async () => {
    await pushTokens([{ token: '502', externalCustomerId: 'tg-502' }]);
    const id = [{ name: 'externalCustomerId', value: 'tg-502' }];
    const cases: Array<[unknown, number, RegExp]> = [
      [{ params: id }, 400, /eventTypeKey/],
      [{ eventTypeKey: 'x', params: 'data' }, 400, /params/],
      [{ eventTypeKey: 'a'.repeat(101), params: id }, 400, /Invalid eventTypeKey/],
      [{ eventTypeKey: 'what?', params: id }, 400, /Invalid eventTypeKey/],
      [{ eventTypeKey: 'telegramButton', params: [{ name: 'data', value: 'x' }] }, 400, /identifier/],
      [{ eventTypeKey: 'telegramButton', params: [{ name: 'externalCustomerId', value: 'tg-999' }] }, 400, /Contact not found/],
      [{ eventTypeKey: 'telegramButton', params: [...id, { name: 'data', value: 'x'.repeat(21_000) }] }, 413, /Too Large/],
    ];
    for (const [body, status, text] of cases) {
      const res = await event(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(errorText(res.text), JSON.stringify(body).slice(0, 80)).toMatch(text);
    }
    expect(fake.events).toEqual([]);
  });
});
