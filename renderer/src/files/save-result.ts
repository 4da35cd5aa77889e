import type { SaveResult } from '../../../electron/core/contract/saving.js';

/** What became of a file the engine wrote. */
export type Received = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string; rows: number } | { kind: 'cancelled' };

export interface ReceiveOptions {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Hands the finished file to the browser as a download. */
  saveBlob: (blob: Blob, fileName: string) => void;
  /** Rows read so far of `total` (0 when the engine did not say). */
  onProgress: (done: number, total: number) => void;
}

/** A download that did not come: the envelope's code when the shell sent one. */
export class DownloadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

const NEWLINE = 0x0a;

/** Line ends in a piece of the file: each row of a CSV ends with one (a name with a line break counts twice, which only nudges the bar). */
export function countLines(chunk: Uint8Array): number {
  let lines = 0;
  for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
  return lines;
}

async function refusal(response: Response): Promise<DownloadError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new DownloadError(body?.error?.code ?? 'internal', body?.error?.message ?? `The app answered with HTTP ${response.status}.`);
}

/**
 * Takes a SaveResult to its end: a file saved by the desktop is reported as such; a download is
 * fetched, its rows counted as they arrive for the progress bar (the header line is not a row),
 * and handed to the browser whole once complete, so a cut connection never leaves half a file.
 */
export async function receiveFile(result: SaveResult, options: ReceiveOptions): Promise<Received> {
  if (result.kind !== 'download') return result;
  const total = result.total ?? 0;
  const response = await options.fetch(result.url, { credentials: 'same-origin' });
  if (!response.ok || !response.body) throw await refusal(response);
  const parts: Array<Uint8Array<ArrayBuffer>> = [];
  let lines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // A response body is never backed by shared memory.
    parts.push(value as Uint8Array<ArrayBuffer>);
    lines += countLines(value);
    options.onProgress(Math.min(Math.max(lines - 1, 0), total || Infinity), total);
  }
  options.saveBlob(new Blob(parts, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), result.fileName);
  // The engine's count, when it gave one: a line break inside a quoted cell is not a row.
  return { kind: 'downloaded', fileName: result.fileName, rows: result.total ?? Math.max(lines - 1, 0) };
}
