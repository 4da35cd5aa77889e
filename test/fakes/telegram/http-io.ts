import type { IncomingMessage, ServerResponse } from 'node:http';

export type Params = Record<string, unknown>;

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.18.0</center></body></html>';

export class BadRequest extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest('request body is too big'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query string merged with a JSON or url-encoded body (the body wins), like the Bot API accepts. */
export function parseParams(url: URL, contentType: string | undefined, body: Buffer): Params {
  const params: Params = Object.fromEntries(url.searchParams);
  if (body.length === 0) return params;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadRequest("can't parse JSON object");
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest("can't parse JSON object");
    return { ...params, ...(value as Params) };
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { ...params, ...Object.fromEntries(new URLSearchParams(text)) };
  }
  throw new BadRequest(`content type "${type}" is not supported by the fake Telegram server`);
}

/** The official server sees every argument as text: JSON values arrive re-serialized. */
export function argText(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `Client::get_integer_arg`: empty → default, otherwise leading integer (0 if none), clamped. */
export function intArg(params: Params, name: string, fallback: number, min = -(2 ** 31), max = 2 ** 31 - 1): number {
  const text = argText(params, name).trim();
  const value = text === '' ? fallback : Number.parseInt(text, 10);
  return Math.min(max, Math.max(min, Number.isNaN(value) ? 0 : value));
}

/** `Client::to_bool`. */
export function boolArg(params: Params, name: string): boolean {
  const text = argText(params, name).toLowerCase();
  return text === 'true' || text === 'yes' || text === '1';
}

export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function writeHtml502(res: ServerResponse): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) });
  res.end(HTML_502);
}
