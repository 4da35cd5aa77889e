import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query as received, e.g. `/bot123:ABC/getUpdates?offset=1`. */
  url: string;
  authorization?: string;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request, in order of arrival. */
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A second API root for tests: a plain local HTTP server that records every request, then passes it
 * on to the fake chosen by the longest matching path prefix (so entering a secret for it can work).
 */
export async function startRecordingProxy(routes: Record<string, string>): Promise<RecordingProxy> {
  const requests: SeenRequest[] = [];
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', url, authorization: req.headers.authorization });
    const prefix = prefixes.find((p) => url.startsWith(p));
    if (prefix === undefined) {
      res.writeHead(404).end();
      return;
    }
    const target = new URL(routes[prefix]);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
