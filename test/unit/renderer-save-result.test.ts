import { describe, expect, it } from 'vitest';
import type { SaveResult } from '../../electron/core/contract/saving.js';
import { countLines, receiveFile, type ReceiveOptions } from '../../renderer/src/files/save-result.js';

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

function options(response: Response): ReceiveOptions & { saved: Array<{ blob: Blob; fileName: string }>; progress: Array<[number, number]>; asked: string[] } {
  const o = {
    saved: [] as Array<{ blob: Blob; fileName: string }>,
    progress: [] as Array<[number, number]>,
    asked: [] as string[],
    fetch: async (url: string) => {
      o.asked.push(url);
      return response;
    },
    saveBlob: (blob: Blob, fileName: string) => o.saved.push({ blob, fileName }),
    onProgress: (done: number, total: number) => o.progress.push([done, total]),
  };
  return o;
}

describe('receiving a file the engine wrote', () => {
  it('counts the lines of a piece of the file', () => {
    expect(countLines(new TextEncoder().encode('a\r\nb\r\nc'))).toBe(2);
    expect(countLines(new Uint8Array())).toBe(0);
  });

  it('downloads, counting rows as they come (not the header), and hands the whole file to the browser at the end', async () => {
    const parts = ['\uFEFFChat,Name\r\n1,Олена\r\n2,', '"Andriy\nK"\r\n3,Ira\r\n'];
    const o = options(new Response(streamOf(parts), { status: 200 }));
    const result: SaveResult = { kind: 'download', url: '/downloads/abc', fileName: 'підписники.csv', total: 3 };
    expect(await receiveFile(result, o)).toEqual({ kind: 'downloaded', fileName: 'підписники.csv', rows: 3 });
    expect(o.asked).toEqual(['/downloads/abc']);
    expect(o.progress).toEqual([
      [1, 3],
      [3, 3],
    ]);
    expect(o.saved).toHaveLength(1);
    expect(o.saved[0].fileName).toBe('підписники.csv');
    expect(new Uint8Array(await o.saved[0].blob.arrayBuffer())).toEqual(new TextEncoder().encode(parts.join('')));
  });

  it('says why a download did not come, and saves nothing', async () => {
    const body = JSON.stringify({ ok: false, error: { code: 'not_found', message: 'This download was used already or has expired: export again.' } });
    const o = options(new Response(body, { status: 404 }));
    await expect(receiveFile({ kind: 'download', url: '/downloads/x', fileName: 'a.csv' }, o)).rejects.toMatchObject({ code: 'not_found' });
    expect(o.saved).toEqual([]);
  });

  it('passes a file the desktop saved, or a cancel, through without fetching anything', async () => {
    const o = options(new Response(''));
    expect(await receiveFile({ kind: 'saved', path: '/home/olena/list.csv' }, o)).toEqual({ kind: 'saved', path: '/home/olena/list.csv' });
    expect(await receiveFile({ kind: 'cancelled' }, o)).toEqual({ kind: 'cancelled' });
    expect(o.asked).toEqual([]);
  });
});
