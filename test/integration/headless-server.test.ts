import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Status } from '../../electron/core/contract/types.js';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import { EngineEvents } from '../../electron/core/events.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server.js';
import { tempDir } from '../support/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const token = 'integration-test-token-0123456789';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so Host and Origin can be set to anything (fetch forbids both). */
function request(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens the link the way a browser does and returns the `name=value` pair it is told to keep. */
async function signIn(port: number, host: string, presented = token): Promise<string> {
  const reply = await request(port, `/?token=${presented}`, { headers: { host } });
  const [setCookie] = reply.headers['set-cookie'] ?? [];
  if (reply.status !== 302 || !setCookie) throw new Error(`The link was refused: ${reply.status}`);
  return setCookie.split(';')[0];
}

describe('headless server in-process', () => {
  const data = tempDir('tcy-headless-');
  const ui = tempDir('tcy-ui-');
  const events = new EngineEvents();
  let engine: Engine;
  let server: HeadlessServer;
  let host: string;
  let cookie: string;

  const post = (method: string, body: string | undefined, headers: Record<string, string> = {}) =>
    request(server.port, `/api/${method}`, { method: 'POST', body, headers: { host, 'content-type': 'application/json', cookie, ...headers } });

  beforeAll(async () => {
    writeFileSync(path.join(ui.dir, 'index.html'), '<!doctype html><title>UI</title><div id="app"></div>');
    mkdirSync(path.join(ui.dir, 'assets'));
    writeFileSync(path.join(ui.dir, 'assets', 'app-1234.js'), 'console.log("app")');
    const logger = createLogger({ level: 'silent' });
    engine = createEngine({ dataDir: data.dir, version: '9.8.7', secrets: createMemorySecrets(), logger });
    await engine.start();
    // The real engine's API, with an event source the test can fire at will.
    server = await startHeadlessServer({ engine: { api: engine.api, on: events.on.bind(events) }, uiDir: ui.dir, host: '127.0.0.1', port: 0, token, logger });
    host = `127.0.0.1:${server.port}`;
    cookie = await signIn(server.port, host);
  });

  afterAll(async () => {
    await server.close();
    await engine.stop();
    data.remove();
    ui.remove();
  });

  it('gives a link with the token on the bound address', () => {
    expect(server.link).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('answers 401 to the API without a token or with a wrong one', async () => {
    const refused: Array<Record<string, string>> = [
      { cookie: '' },
      { cookie: `tcy_session_${server.port}=nope` },
      { cookie: `tcy_session_${server.port}=${token}` },
      { cookie: `tcy_session=${token}` },
      { cookie: '', authorization: 'Bearer nope' },
    ];
    for (const headers of refused) {
      const reply = await post('getStatus', undefined, headers);
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('serves only the "open the link" page to a browser without the cookie', async () => {
    const reply = await request(server.port, '/', { headers: { host } });
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('Open the link from the terminal');
    expect(reply.body).not.toContain('id="app"');
  });

  it('turns the link into an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const reply = await request(server.port, `/?token=${token}`, { headers: { host } });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']).toEqual([`${cookie}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(cookie).toMatch(new RegExp(`^tcy_session_${server.port}=[A-Za-z0-9_-]{43}$`));
    expect(cookie).not.toContain(token);
    const wrong = await request(server.port, '/?token=not-the-token', { headers: { host } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers 200 with the cookie: the UI, its assets, and the API', async () => {
    const page = await request(server.port, '/', { headers: { host, cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('id="app"');
    const asset = await request(server.port, '/assets/app-1234.js', { headers: { host, cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const status = await post('getStatus', undefined);
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { version: '9.8.7', dataDir: data.dir } });
  });

  it('falls back to index.html for app routes but not for missing assets or paths outside the UI', async () => {
    const route = await request(server.port, '/subscribers/42', { headers: { host, cookie } });
    expect(route.status).toBe(200);
    expect(route.body).toContain('id="app"');
    expect((await request(server.port, '/assets/missing.js', { headers: { host, cookie } })).status).toBe(404);
    const traversal = await request(server.port, '/..%2f..%2f..%2fetc%2fpasswd', { headers: { host, cookie } });
    expect(traversal.body).not.toContain('root:');
  });

  it('answers 403 to a foreign Host, even with the token', async () => {
    const api = await post('getStatus', undefined, { host: 'evil.example' });
    expect(api.status).toBe(403);
    const page = await request(server.port, '/', { headers: { host: 'evil.example', cookie } });
    expect(page.status).toBe(403);
    const link = await request(server.port, `/?token=${token}`, { headers: { host: 'evil.example' } });
    expect(link.status).toBe(403);
    expect(link.headers['set-cookie']).toBeUndefined();
  });

  it('answers 403 to a foreign Origin and accepts its own', async () => {
    expect((await post('getStatus', undefined, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('getStatus', undefined, { origin: `http://${host}` })).status).toBe(200);
  });

  it('answers with the result envelope for unknown methods and bad arguments', async () => {
    expect(JSON.parse((await post('dropEverything', '{}')).body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(JSON.parse((await post('setPaused', '{"paused":"yes"}')).body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(JSON.parse((await post('setPaused', '{"paused":true}')).body)).toMatchObject({ ok: true, value: { version: '9.8.7' } });
    const broken = await post('getStatus', '{not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('refuses API calls that are not JSON POSTs', async () => {
    expect((await request(server.port, '/api/getStatus', { headers: { host, cookie } })).status).toBe(405);
    expect((await post('getStatus', 'paused=true', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('pushes every engine event over the WebSocket to a client with the cookie', async () => {
    const socket = new WebSocket(`ws://${host}/api/events`, { headers: { cookie, origin: `http://${host}` } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const received: unknown[] = [];
    const threeMessages = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        received.push(JSON.parse(String(data)));
        if (received.length === 3) resolve();
      });
    });
    const status = JSON.parse((await post('getStatus', undefined)).body).value as Status;
    events.emit('status', status);
    events.emit('subscribers', { changed: 2 });
    events.emit('status', { ...status, paused: true });
    await threeMessages;
    expect(received).toEqual([
      { event: 'status', payload: status },
      { event: 'subscribers', payload: { changed: 2 } },
      { event: 'status', payload: { ...status, paused: true } },
    ]);
    socket.close();
  });

  it('refuses the WebSocket without the token (401) or from a foreign Origin or Host (403)', async () => {
    const statusOf = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers });
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => reject(new Error('The socket opened')));
        socket.once('error', () => {});
      });
    expect(await statusOf({})).toBe(401);
    expect(await statusOf({ cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await statusOf({ cookie, host: 'evil.example' })).toBe(403);
  });
});

describe('two headless servers on one machine', () => {
  const ui = tempDir('tcy-two-ui-');
  const logger = createLogger({ level: 'silent' });
  const events = new EngineEvents();
  const engine = { api: {}, on: events.on.bind(events) } as unknown as Pick<Engine, 'api' | 'on'>;
  const servers: HeadlessServer[] = [];
  const tokens = ['first-shell-token-0123456789abcdef', 'second-shell-token-0123456789abcde'];

  beforeAll(async () => {
    writeFileSync(path.join(ui.dir, 'index.html'), '<!doctype html><title>UI</title>');
    for (const shellToken of tokens) {
      servers.push(await startHeadlessServer({ engine, uiDir: ui.dir, host: '127.0.0.1', port: 0, token: shellToken, logger }));
    }
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    ui.remove();
  });

  it('keep one browser signed in to both: each cookie has its own name and works only on its own server', async () => {
    const [a, b] = servers;
    const hostA = `127.0.0.1:${a.port}`;
    const hostB = `127.0.0.1:${b.port}`;
    const cookieA = await signIn(a.port, hostA, tokens[0]);
    const cookieB = await signIn(b.port, hostB, tokens[1]);
    // A browser keeps cookies per host name, not per port: the second link's cookie joins (or replaces) the first.
    const jar = new Map<string, string>();
    for (const pair of [cookieA, cookieB]) jar.set(pair.split('=')[0], pair);
    const browserCookie = [...jar.values()].join('; ');

    expect((await request(a.port, '/', { headers: { host: hostA, cookie: browserCookie } })).status).toBe(200);
    expect((await request(b.port, '/', { headers: { host: hostB, cookie: browserCookie } })).status).toBe(200);
    expect((await request(a.port, '/', { headers: { host: hostA, cookie: cookieB } })).status).toBe(401);
    expect((await request(b.port, '/', { headers: { host: hostB, cookie: cookieA } })).status).toBe(401);
    expect(cookieA).not.toContain(tokens[0]);
    expect(cookieB).not.toContain(tokens[1]);
  });
});

/** The headless shell as a child process, with what it printed so far and its exit code once it is gone. */
function startHeadless(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/headless/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, printed, exited };
}

// Nothing listens there: the engine never reaches the real services.
const NO_SERVICES = ['--telegram-api-root', 'http://127.0.0.1:9', '--yespo-api-root', 'http://127.0.0.1:9'];

describe('headless shell process', () => {
  it('prints exactly one UI line, serves it, and stops within 5 s of SIGTERM', async () => {
    const data = tempDir('tcy-headless-proc-');
    const { child, printed, exited } = startHeadless(['--port', '0', '--data-dir', data.dir, ...NO_SERVICES], {
      TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq',
    });
    try {
      await expect
        .poll(() => printed.stdout, { timeout: 20_000, interval: 100 })
        .toMatch(/^UI: .*\n/);
      const link = new URL(printed.stdout.slice('UI: '.length).trim());
      expect(link.hostname).toBe('127.0.0.1');
      expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const port = Number(link.port);
      const unauthorized = await request(port, '/api/getStatus', { method: 'POST', headers: { host: link.host, 'content-type': 'application/json' } });
      expect(unauthorized.status).toBe(401);
      const evil = await request(port, '/api/getStatus', { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } });
      expect(evil.status).toBe(403);
      const ok = await request(port, '/api/getStatus', {
        method: 'POST',
        headers: { host: link.host, 'content-type': 'application/json', authorization: `Bearer ${link.searchParams.get('token')}` },
      });
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { dataDir: data.dir } });

      const stoppedAt = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(5000);
      expect(printed.stdout.split('\n').filter(Boolean)).toEqual([printed.stdout.trim()]);
      expect(printed.stdout.startsWith('UI: ')).toBe(true);
      expect(printed.stderr).toContain('Stopped');
      expect(printed.stderr).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq');
    } finally {
      child.kill('SIGKILL');
      data.remove();
    }
  });

  it('listens on every interface only with --allow-remote, warning on stderr, with the token from TCY_HEADLESS_TOKEN', async () => {
    const data = tempDir('tcy-headless-remote-');
    const envToken = 'from-the-environment-0123456789';
    const { child, printed, exited } = startHeadless(
      ['--host', '0.0.0.0', '--allow-remote', '--port', '0', '--data-dir', data.dir, ...NO_SERVICES],
      { TCY_HEADLESS_TOKEN: envToken },
    );
    try {
      await expect.poll(() => printed.stdout, { timeout: 20_000, interval: 100 }).toMatch(/^UI: .*\n/);
      expect(printed.stderr).toContain('Warning: listening on every network interface of this machine ("0.0.0.0") because of --allow-remote');
      const link = new URL(printed.stdout.slice('UI: '.length).trim());
      expect(link.hostname).not.toBe('0.0.0.0');
      expect(link.searchParams.get('token')).toBe(envToken);
      const reply = await request(Number(link.port), '/api/getStatus', {
        method: 'POST',
        headers: { host: link.host, 'content-type': 'application/json', authorization: `Bearer ${envToken}` },
      });
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { dataDir: data.dir } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      data.remove();
    }
  });

  it('refuses every spelling of every interface without --allow-remote, exiting 2 without a UI line', async () => {
    const { child, printed, exited } = startHeadless(['--host', '::0']);
    // Should it start after all, it would listen until killed: the UI line ends the wait, and the test's end stops it.
    try {
      await expect.poll(() => printed.stdout + printed.stderr, { timeout: 20_000, interval: 100 }).toMatch(/UI: |--host/);
      expect(printed.stdout).toBe('');
      expect(await exited).toBe(2);
      expect(printed.stderr).toContain('--host ::0 means every network interface');
      expect(printed.stderr).toContain('--allow-remote');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('explains a bad option on stderr and exits 2 without a UI line', async () => {
    const { printed, exited } = startHeadless(['--port', 'eighty']);
    expect(await exited).toBe(2);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toContain('--port must be a number');
    expect(printed.stderr).toContain('Usage: npm run headless');
  });
});
