import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Engine } from '../../electron/core/engine.js';
import { EngineEvents } from '../../electron/core/events.js';
import { createLogger } from '../../electron/core/log.js';
import { startHeadlessServer, type ConnectionLimits, type HeadlessServer } from '../../electron/headless/server.js';
import { tempDir } from '../support/temp-dir.js';

const token = 'limits-test-token-0123456789abcdef';
const logger = createLogger({ level: 'silent' });

/** A bare TCP client: it can stop halfway through a request, which no HTTP client does. */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let onData = (): void => {};
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    onData();
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  return {
    closed,
    write: (text: string) => socket.write(text),
    /** Sends a whole GET and resolves with the status line once the headers are in. */
    get(host: string): Promise<string> {
      received = '';
      const answered = new Promise<string>((resolve) => {
        onData = () => {
          if (received.includes('\r\n\r\n')) resolve(received.split('\r\n')[0]);
        };
      });
      socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      return answered;
    },
    destroy: () => socket.destroy(),
  };
}

function openSocket(port: number): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('headless server connection limits', () => {
  const ui = tempDir('tcy-limits-ui-');
  writeFileSync(path.join(ui.dir, 'index.html'), '<!doctype html><title>UI</title>');
  const events = new EngineEvents();
  const cleanups: Array<() => unknown> = [];

  async function start(limits: Partial<ConnectionLimits>): Promise<HeadlessServer> {
    const engine = { api: {}, on: events.on.bind(events) } as unknown as Pick<Engine, 'api' | 'on'>;
    const server = await startHeadlessServer({ engine, uiDir: ui.dir, host: '127.0.0.1', port: 0, token, logger, limits });
    cleanups.push(() => server.close());
    return server;
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers 408 and hangs up on a client that sends half a header, or nothing, within the headers timeout', { timeout: 5000 }, async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 200 });
    const half = rawClient(server.port);
    cleanups.push(half.destroy);
    half.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    const silent = rawClient(server.port);
    cleanups.push(silent.destroy);
    expect(await half.closed).toMatch(/^HTTP\/1\.1 408 /);
    expect(await silent.closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('keeps an event socket open past the request timeout', { timeout: 5000 }, async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 200 });
    const socket = await openSocket(server.port);
    cleanups.push(() => socket.terminate());
    // Opened after the socket and dropped by the timeout sweep: the sweep has seen the socket older than the timeout.
    const half = rawClient(server.port);
    cleanups.push(half.destroy);
    half.write('GET / HTTP/1.1\r\n');
    await half.closed;
    const message = nextMessage(socket);
    events.emit('subscribers', { changed: 1 });
    expect(await message).toEqual({ event: 'subscribers', payload: { changed: 1 } });
  });

  it('refuses connections above the cap and keeps answering the ones it has, event socket included', { timeout: 5000 }, async () => {
    const server = await start({ maxConnections: 3 });
    const host = `127.0.0.1:${server.port}`;
    const socket = await openSocket(server.port);
    cleanups.push(() => socket.terminate());
    const first = rawClient(server.port);
    const second = rawClient(server.port);
    cleanups.push(first.destroy, second.destroy);
    // An answer on each proves the server holds both: the next one is the fourth.
    expect(await first.get(host)).toBe('HTTP/1.1 200 OK');
    expect(await second.get(host)).toBe('HTTP/1.1 200 OK');

    const extra = rawClient(server.port);
    cleanups.push(extra.destroy);
    const outcome = await Promise.race([extra.closed.then(() => 'refused'), extra.get(host).then(() => 'answered')]);
    expect(outcome).toBe('refused');

    expect(await first.get(host)).toBe('HTTP/1.1 200 OK');
    expect(await second.get(host)).toBe('HTTP/1.1 200 OK');
    const message = nextMessage(socket);
    events.emit('subscribers', { changed: 2 });
    expect(await message).toEqual({ event: 'subscribers', payload: { changed: 2 } });
  });
});
