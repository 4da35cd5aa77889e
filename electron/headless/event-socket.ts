import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS } from '../core/contract/methods.js';
import type { Engine } from '../core/engine.js';

/** Drops a socket that has not answered a ping within this time (a sleeping laptop, a killed tab). */
const HEARTBEAT_MS = 30_000;

export interface EventSocket {
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** Pushes every engine event to every connected UI as `{event, payload}`. Clients only listen. */
export function createEventSocket(engine: Pick<Engine, 'on'>): EventSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const alive = new WeakSet<WebSocket>();

  const broadcast = (data: string): void => {
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(data);
    }
  };
  const unsubscribe = EVENTS.map((event) => engine.on(event, (payload) => broadcast(JSON.stringify({ event, payload }))));

  wss.on('connection', (client) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
    client.on('message', () => client.close(1003, 'This socket only sends.'));
  });

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
    },
    close() {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
