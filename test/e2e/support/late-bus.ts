/**
 * A D-Bus session address whose socket does not exist yet: to a program given it, the password store
 * (the Secret Service on the session bus) is simply not running. `appear()` opens the socket and relays
 * every connection to this process's real session bus, as if she had just started or unlocked the
 * keyring: the same running program can then reach the real keychain. `disappear()` takes it away again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LateBus {
  /** For the program's DBUS_SESSION_BUS_ADDRESS. */
  readonly address: string;
  appear(): Promise<void>;
  /** The keyring stops (or locks): open connections drop, new ones find no socket. */
  disappear(): Promise<void>;
  close(): Promise<void>;
}

/** Where the real session bus listens: `unix:path=` or Linux's abstract `unix:abstract=`. */
function realBusSocket(): string {
  const address = process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
  for (const entry of address.split(';')) {
    const params = new URLSearchParams(entry.replace(/^unix:/, '').replaceAll(',', '&'));
    if (!entry.startsWith('unix:')) continue;
    const socketPath = params.get('path');
    if (socketPath) return socketPath;
    const abstract = params.get('abstract');
    if (abstract) return `\0${abstract}`;
  }
  throw new Error(`No unix socket in DBUS_SESSION_BUS_ADDRESS ("${address}"): run the e2e tests inside dbus-run-session (npm test does).`);
}

export function lateSessionBus(): LateBus {
  const target = realBusSocket();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tcy-bus-'));
  const socketPath = path.join(dir, 'bus');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });

  async function disappear(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(socketPath, { force: true });
  }

  return {
    address: `unix:path=${socketPath}`,
    appear: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    disappear,
    async close() {
      await disappear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
