import { createWriteStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_BACKUP_BYTES } from '../core/backup/backup-service.js';
import { newUploadId, uploadPath } from '../core/backup/uploads.js';
import { create as contentDisposition } from 'content-disposition';
import { dispatch } from '../core/contract/dispatch.js';
import type { ErrorCode, Result } from '../core/contract/types.js';
import type { Engine } from '../core/engine.js';
import { DOWNLOADS_PATH, type DownloadSaver } from '../core/files/download-saver.js';
import type { Logger } from '../core/log.js';
import { contentSecurityPolicy } from '../core/ui-files/csp.js';
import { allowedHosts, checkAccess, sessionCookie, sessionCookieName, type Access } from './auth.js';
import { createEventSocket } from './event-socket.js';
import { serveStatic } from './static-files.js';

const API_PREFIX = '/api/';
const EVENTS_PATH = '/api/events';
const MAX_BODY_BYTES = 1024 * 1024;
/** A backup to restore, streamed to a file; `restoreBackup` takes the id it answers with. */
const UPLOAD_PATH = '/upload';

/**
 * Without these, idle sockets and half-sent headers pile up until the process runs out of file
 * descriptors and its own calls to Yespo fail (EMFILE).
 */
export interface ConnectionLimits {
  /** A request's headers must be in within this time, counted from the connection or the previous request. */
  headersTimeoutMs: number;
  /** The whole request, body included; at least headersTimeoutMs. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at once, event sockets included; more are dropped on arrival. */
  maxConnections: number;
}

const DEFAULT_LIMITS: ConnectionLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 256 };

/**
 * This machine's addresses, the names a bind to every interface answers to: network-facing IPv4
 * first, as the likeliest to work in the link from another machine, loopback last.
 */
function machineAddresses(): string[] {
  const rank = (info: os.NetworkInterfaceInfo): number => (info.internal ? 2 : 0) + (info.family === 'IPv4' ? 0 : 1);
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return all.sort((a, b) => rank(a) - rank(b)).map((info) => info.address);
}

export interface HeadlessServerOptions {
  engine: Pick<Engine, 'api' | 'on'>;
  /** The built renderer (`dist/`). */
  uiDir: string;
  host: string;
  port: number;
  token: string;
  logger: Logger;
  /** Tests shorten the timeouts and lower the cap. */
  limits?: Partial<ConnectionLimits>;
  /** The data folder, where an uploaded backup waits for its restore; without it there is no upload. */
  dataDir?: string;
  /** Tests lower it. */
  maxUploadBytes?: number;
  /** The files the engine hands out (the export), served once each at their address. */
  downloads?: Pick<DownloadSaver, 'take'>;
}

export interface HeadlessServer {
  readonly port: number;
  /** The link that carries the token once: `http://host:port/?token=…`. */
  readonly link: string;
  close(): Promise<void>;
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const OPEN_LINK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Telegram Connector for Yespo</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5">
<h1>Open the link from the terminal</h1>
<p>This page is protected. Open the link that starts with <code>UI:</code>, printed in the terminal where the app runs.</p>
</body></html>`;

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, ...extra, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refusal(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function refuse(res: ServerResponse, isApi: boolean, access: Extract<Access, { ok: false }>): void {
  if (isApi || access.status === 403) {
    sendJson(res, access.status, refusal('forbidden', access.reason));
    return;
  }
  res.writeHead(401, { ...BASE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(OPEN_LINK_PAGE);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The headless shell's HTTP side: the built UI, `POST /api/<method>` answering with the result
 * envelope, and the `/api/events` WebSocket. Everything needs our token (see auth.ts).
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { engine, uiDir, host, token, logger } = options;
  const events = createEventSocket(engine);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Both are known once the port is: listening on port 0 picks it.
  let hosts = new Set<string>();
  let cookieName = '';

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, refusal('invalid_argument', 'API calls use POST.'), { allow: 'POST' });
      return;
    }
    // A JSON content type cannot be sent by a plain HTML form, one more guard against cross-site posts.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, refusal('invalid_argument', 'API calls send application/json.'));
      return;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) sendJson(res, 413, refusal('invalid_argument', 'The request is too large.'));
      else res.destroy();
      return;
    }
    let args: unknown;
    try {
      args = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      sendJson(res, 400, refusal('invalid_argument', 'The request body is not valid JSON.'));
      return;
    }
    const result = await dispatch(engine.api, method, args, (name, error) => logger.error({ err: error, method: name }, 'API call failed'));
    sendJson(res, 200, result);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, dataDir: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, refusal('invalid_argument', 'Uploads use POST.'), { allow: 'POST' });
      return;
    }
    // Neither type can be sent by a plain HTML form or a simple cross-site request.
    if (!/^application\/(zip|octet-stream)\b/i.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, refusal('invalid_argument', 'Upload the backup as application/zip.'));
      return;
    }
    const max = options.maxUploadBytes ?? MAX_BACKUP_BYTES;
    const tooLarge = () => sendJson(res, 413, refusal('invalid_argument', 'This file is too large to be a backup of this app.'), { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > max) {
      tooLarge();
      return;
    }
    const id = newUploadId();
    const file = uploadPath(dataDir, id)!;
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    let size = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > max ? new BodyTooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(req, capped, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await fs.rm(file, { force: true });
      if (error instanceof BodyTooLarge) tooLarge();
      else res.destroy();
      return;
    }
    const given = req.headers['x-file-name'];
    let name = 'backup.zip';
    try {
      if (typeof given === 'string' && given) name = decodeURIComponent(given).slice(0, 200);
    } catch {
      // A name that does not decode is only a label: the default one will do.
    }
    sendJson(res, 200, { ok: true, value: { upload: id, name } });
  }

  /** A file the engine writes straight into the response as it goes, the socket's backpressure pacing it. */
  async function handleDownload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    // Not even HEAD: any request spends the address.
    if (req.method !== 'GET') {
      sendJson(res, 405, refusal('invalid_argument', 'Downloads use GET.'), { allow: 'GET' });
      return;
    }
    const job = options.downloads?.take(id);
    if (!job) {
      sendJson(res, 404, refusal('not_found', 'This download was used already or has expired: export again.'));
      return;
    }
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': job.mime, 'content-disposition': contentDisposition(job.fileName), 'cache-control': 'no-store' });
    try {
      await job.write(res, () => {});
      if (!res.writableEnded) res.end();
    } catch (error) {
      // The browser went away, or writing failed: a cut connection is what tells the browser the file is incomplete.
      logger.warn({ err: error }, 'A download was not completed');
      res.destroy();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const isApi = url.pathname.startsWith(API_PREFIX);
    const linkToken = url.searchParams.get('token');
    if (linkToken !== null && !isApi && (req.method === 'GET' || req.method === 'HEAD')) {
      const linkAccess = checkAccess({ ...req.headers, authorization: `Bearer ${linkToken}` }, hosts, token, cookieName);
      if (!linkAccess.ok) {
        refuse(res, false, linkAccess);
        return;
      }
      // The token leaves the address bar (and the history) at once; the cookie stands in for it from now on.
      url.searchParams.delete('token');
      res.writeHead(302, { ...BASE_HEADERS, 'set-cookie': sessionCookie(token, port), location: `${url.pathname}${url.search}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const access = checkAccess(req.headers, hosts, token, cookieName);
    if (!access.ok) {
      refuse(res, isApi, access);
      return;
    }
    if (url.pathname === EVENTS_PATH) {
      sendJson(res, 426, refusal('invalid_argument', 'Events come over a WebSocket.'), { upgrade: 'websocket' });
      return;
    }
    if (url.pathname === UPLOAD_PATH && options.dataDir) {
      await handleUpload(req, res, options.dataDir);
      return;
    }
    if (isApi) {
      await handleApi(req, res, url.pathname.slice(API_PREFIX.length));
      return;
    }
    if (url.pathname.startsWith(DOWNLOADS_PATH)) {
      await handleDownload(req, res, url.pathname.slice(DOWNLOADS_PATH.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...BASE_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    await serveStatic(uiDir, url.pathname, res, BASE_HEADERS, contentSecurityPolicy({ eventSocket: `ws://${req.headers.host ?? ''}` }));
  }

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node only looks for expired requests this often (30 s by default), which would stretch the timeouts.
      connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        logger.error({ err: error, path: req.url?.split('?')[0] }, 'Request failed');
        if (!res.headersSent) sendJson(res, 500, refusal('internal', 'The request failed.'));
        else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const access: Access = pathname === EVENTS_PATH ? checkAccess(req.headers, hosts, token, cookieName) : { ok: false, status: 403, reason: 'No socket here.' };
    if (!access.ok) {
      const status = access.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    events.accept(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, machineAddresses());
  cookieName = sessionCookieName(port);
  const [linkHost] = hosts;

  return {
    port,
    link: `http://${linkHost}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
