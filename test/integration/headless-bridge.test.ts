import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventPayloads } from '../../electron/core/contract/api.js';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import { EngineEvents } from '../../electron/core/events.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server.js';
import { BridgeError } from '../../renderer/src/bridge/bridge-error.js';
import { createClient } from '../../renderer/src/bridge/client.js';
import type { Contact } from '../../renderer/src/bridge/contact.js';
import { createHttpTransport, type OpenSocket } from '../../renderer/src/bridge/http-transport.js';
import { tempDir } from '../support/temp-dir.js';

const token = 'bridge-test-token-0123456789abcdef';
const logger = createLogger({ level: 'silent' });

/** What a browser does on its own: send the cookie with every call and with the socket. */
function nodeTransport(port: () => number, presented = token) {
  const auth = { authorization: `Bearer ${presented}` };
  const openSocket: OpenSocket = (url, handlers) => {
    const socket = new WebSocket(url, { headers: auth });
    socket.on('open', () => handlers.open());
    socket.on('message', (data) => handlers.message(String(data)));
    socket.on('close', () => handlers.close());
    socket.on('error', () => {});
  };
  return createHttpTransport({
    baseUrl: () => `http://127.0.0.1:${port()}`,
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...auth } }),
    openSocket,
    reconnectDelay: () => 50,
  });
}

describe('renderer bridge over the headless shell', () => {
  const data = tempDir('tcy-bridge-');
  const ui = tempDir('tcy-bridge-ui-');
  const events = new EngineEvents();
  let engine: Engine;
  let server: HeadlessServer;
  const start = async (port: number, withToken = token) =>
    startHeadlessServer({ engine: { api: engine.api, on: events.on.bind(events) }, uiDir: ui.dir, host: '127.0.0.1', port, token: withToken, logger });

  beforeAll(async () => {
    engine = createEngine({ dataDir: data.dir, version: '1.2.3', secrets: createMemorySecrets(), logger });
    await engine.start();
    server = await start(0);
  });

  afterAll(async () => {
    await server.close();
    await engine.stop();
    data.remove();
    ui.remove();
  });

  it('calls every method through one client and returns the value', async () => {
    const api = createClient(nodeTransport(() => server.port));
    expect(Object.keys(api)).toContain('getLiveTest');
    await expect(api.getStatus()).resolves.toMatchObject({ version: '1.2.3', dataDir: data.dir });
    await expect(api.setPaused({ paused: true })).resolves.toMatchObject({ version: '1.2.3' });
  });

  it('throws BridgeError with the engine’s code', async () => {
    const api = createClient(nodeTransport(() => server.port));
    const invalid = await api.setPaused({ paused: 'yes' as unknown as boolean }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(BridgeError);
    expect(invalid).toMatchObject({ code: 'invalid_argument' });
    await expect(createClient(nodeTransport(() => server.port, 'wrong-token-0123456789')).getStatus()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createClient(nodeTransport(() => 1)).getStatus()).rejects.toMatchObject({ code: 'internal', details: { unreachable: true } });
  });

  it('delivers pushes, and after the shell restarts reconnects and catches up', async () => {
    const transport = nodeTransport(() => server.port);
    const statuses: EventPayloads['status'][] = [];
    const pokes: EventPayloads['subscribers'][] = [];
    const stopStatus = transport.on('status', (status) => statuses.push(status));
    transport.on('subscribers', (poke) => pokes.push(poke));

    // The first open catches up too, so a push sent before the socket was ready is not missed.
    await expect.poll(() => statuses.length, { timeout: 5000 }).toBe(1);
    const current = statuses[0];
    events.emit('status', { ...current, paused: true });
    events.emit('subscribers', { changed: 3 });
    await expect.poll(() => pokes, { timeout: 5000 }).toEqual([{ changed: 3 }]);
    expect(statuses[1]).toEqual({ ...current, paused: true });

    const port = server.port;
    await server.close();
    server = await start(port);
    await expect.poll(() => pokes, { timeout: 10_000 }).toEqual([{ changed: 3 }, { changed: 0 }]);
    expect(statuses).toHaveLength(3);
    expect(statuses[2]).toMatchObject({ version: '1.2.3' });

    stopStatus();
    events.emit('status', { ...current, paused: false });
    events.emit('subscribers', { changed: 1 });
    await expect.poll(() => pokes.length, { timeout: 5000 }).toBe(3);
    expect(statuses).toHaveLength(3);
  });

  // Last: it leaves a shell of another session at the address.
  it('says so when the socket drops, comes back with the same app, and asks for the new link when another session answers (issue 11: truth)', async () => {
    const transport = nodeTransport(() => server.port);
    const contacts: Contact[] = [];
    let statuses = 0;
    transport.onContact((contact) => contacts.push(contact));
    transport.on('status', () => statuses++);
    await expect.poll(() => statuses, { timeout: 5000 }).toBe(1);

    const port = server.port;
    await server.close();
    await expect.poll(() => contacts, { timeout: 5000 }).toEqual(['lost']);

    server = await start(port);
    await expect.poll(() => contacts, { timeout: 10_000 }).toEqual(['lost', 'connected']);
    // Back in contact, the tab re-reads the status at once.
    await expect.poll(() => statuses, { timeout: 5000 }).toBe(2);

    await server.close();
    server = await start(port, 'another-token-0123456789abcdef0123');
    await expect.poll(() => contacts.at(-1), { timeout: 10_000 }).toBe('moved');
  });
});
