import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import { EngineEvents } from '../../electron/core/events.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server.js';
import type { Contact } from '../../renderer/src/bridge/contact.js';
import { createHttpTransport, type OpenSocket } from '../../renderer/src/bridge/http-transport.js';
import { tempDir } from '../support/temp-dir.js';

const token = 'contact-test-token-0123456789abcdef';
const logger = createLogger({ level: 'silent' });

describe('a headless tab knows when it has lost the app (issue 11: truth)', () => {
  const data = tempDir('tcy-contact-');
  const ui = tempDir('tcy-contact-ui-');
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

  it('says so when the socket drops, comes back with the same app, and asks for the new link when another session answers', async () => {
    // What a browser does on its own: present this tab's session with every call and with the socket.
    const auth = { authorization: `Bearer ${token}` };
    const openSocket: OpenSocket = (url, handlers) => {
      const socket = new WebSocket(url, { headers: auth });
      socket.on('open', () => handlers.open());
      socket.on('message', (data) => handlers.message(String(data)));
      socket.on('close', () => handlers.close());
      socket.on('error', () => {});
    };
    const transport = createHttpTransport({
      baseUrl: () => `http://127.0.0.1:${server.port}`,
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...auth } }),
      openSocket,
      reconnectDelay: () => 50,
    });
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
