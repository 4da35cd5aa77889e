import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportRequest, Subscriber } from '../../electron/core/contract/types.js';
import type { SaveProgress } from '../../electron/core/contract/saving.js';
import { fileProblem } from '../../electron/core/files/chosen-path-saver.js';
import { csvLine, escapeCell } from '../../electron/core/files/csv.js';
import { DownloadSaver } from '../../electron/core/files/download-saver.js';
import type { SaveJob } from '../../electron/core/files/save-job.js';
import { reportingProgress } from '../../electron/core/files/save-progress.js';
import type { StoredSubscriber } from '../../electron/core/store/schema.js';
import { subscriberCells, subscriberExportJob } from '../../electron/core/subscribers/export-csv.js';
import { spreadsheetTime } from '../../electron/core/subscribers/spreadsheet-time.js';
import { ENGLISH_LABELS } from '../support/export-expectations.js';

const LABELS = ENGLISH_LABELS;

describe('CSV cells and lines', () => {
  it('writes one CRLF-terminated line, empty cells for missing values', () => {
    expect(csvLine(['Olena', 3])).toBe('Olena,3\r\n');
    expect(csvLine(['Andriy', undefined, null, ''])).toBe('Andriy,,,\r\n');
    expect(csvLine([true, false])).toBe('true,false\r\n');
  });

  it('quotes cells with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvLine(['Flowers, "Roses"', 'two\nlines', 'cr\rhere'])).toBe('"Flowers, ""Roses""","two\nlines","cr\rhere"\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula as plain text', () => {
    expect(['=HYPERLINK("http://x","y")', '+380501234567', '-2+3', '@SUM(A1)', '\tTab', '\rReturn'].map(escapeCell)).toEqual([
      '"\'=HYPERLINK(""http://x"",""y"")"',
      "'+380501234567",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTab",
      '"\'\rReturn"',
    ]);
  });

  it('leaves numbers alone, negative ones included, and Cyrillic unchanged', () => {
    expect(csvLine(['Олена Ковальчук', -5])).toBe('Олена Ковальчук,-5\r\n');
  });
});

describe('spreadsheet times', () => {
  it('writes the date and minute in the given zone, across a change of summer time', () => {
    const kyiv = spreadsheetTime('Europe/Kyiv');
    // 2026-03-29 00:59 UTC is 02:59 winter time; at 01:00 UTC the clocks in Kyiv jump to 04:00.
    expect(kyiv(Date.UTC(2026, 2, 29, 0, 59))).toBe('2026-03-29 02:59');
    expect(kyiv(Date.UTC(2026, 2, 29, 1, 0))).toBe('2026-03-29 04:00');
    expect(spreadsheetTime('UTC')(Date.UTC(2025, 10, 30, 22, 50, 59))).toBe('2025-11-30 22:50');
    expect(spreadsheetTime('Asia/Kolkata')(Date.UTC(2025, 11, 31, 18, 45))).toBe('2026-01-01 00:15');
    expect(kyiv(undefined)).toBe('');
  });

  it('uses this computer’s zone when none is given', () => {
    const at = Date.UTC(2025, 5, 1, 12, 34);
    const d = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(spreadsheetTime()(at)).toBe(`${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`);
  });
});

function subscriber(patch: Partial<Subscriber> = {}): Subscriber {
  return {
    botId: 1,
    chatId: 42,
    firstName: 'Olena',
    state: 'active',
    firstStartAt: Date.UTC(2025, 0, 2, 3, 4),
    lastStartAt: Date.UTC(2025, 0, 5, 6, 7),
    identity: { kind: 'externalCustomerId', value: 'tg-42' },
    identityReason: 'anonymous',
    yespo: { state: 'synced' },
    ...patch,
  };
}

describe('a subscriber’s cells', () => {
  const utc = spreadsheetTime('UTC');

  it('are the columns the table shows, in the UI’s words', () => {
    const s = subscriber({ lastName: 'Koval', username: 'olena_k', phone: '380501112233', email: 'o@shop.ua', languageCode: 'uk', source: 'instagram' });
    expect(subscriberCells(s, LABELS, utc)).toEqual([42, 'Olena', 'Koval', '@olena_k', '380501112233', 'o@shop.ua', 'uk', 'Source: instagram', 'Subscribed', 'In Yespo', '2025-01-02 03:04', '2025-01-05 06:07']);
  });

  it('name a signed link’s customer or contact, taking a $ in the id as it is', () => {
    expect(subscriberCells(subscriber({ signedLink: { kind: 'externalCustomerId', value: 'crm-$&-7' }, source: 'x' }), LABELS, utc)[7]).toBe('Personal link · customer crm-$&-7');
    expect(subscriberCells(subscriber({ signedLink: { kind: 'contactId', value: '991' } }), LABELS, utc)[7]).toBe('Personal link · contact 991');
    expect(subscriberCells(subscriber(), LABELS, utc)[7]).toBe('');
    expect(subscriberCells(subscriber({ state: 'blocked', yespo: { state: 'failed' } }), LABELS, utc).slice(8, 10)).toEqual(['Blocked the bot', 'Refused by Yespo']);
  });
});

/** A sink that takes one chunk at a time, slowly, and records how much it ever held waiting. */
function slowSink(): { sink: Writable; text: () => string; mostWaiting: () => number; chunks: () => number } {
  const parts: Buffer[] = [];
  let most = 0;
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      most = Math.max(most, sink.writableLength);
      setImmediate(done);
    },
  });
  return { sink, text: () => Buffer.concat(parts).toString('utf8'), mostWaiting: () => most, chunks: () => parts.length };
}

function stored(n: number): StoredSubscriber {
  return { botId: 1, chatId: 1_000 + n, firstName: `Name ${n}, "quoted"`, state: 'active', firstStartAt: n * 60_000, lastStartAt: n * 60_000, yespo: { state: 'pending' }, tokenInYespo: false };
}

const request: ExportRequest = { query: {}, fileName: 'subscribers.csv', timeZone: 'UTC', labels: LABELS };

describe('the export job', () => {
  it('writes a BOM, the header and every row in order, in chunks paced by the sink', async () => {
    const records = Array.from({ length: 10_000 }, (_, i) => stored(i));
    const job = subscriberExportJob(records, request, 'tg-');
    const { sink, text, mostWaiting, chunks } = slowSink();
    const progress: number[] = [];
    await job.write(sink, (done) => progress.push(done));
    const lines = text().split('\r\n');
    expect(lines[0]).toBe('\uFEFFTelegram chat ID,First name,Last name,Username,Phone,Email,Language,Came from,Subscription,Yespo,Subscribed,Last pressed Start');
    expect(lines).toHaveLength(10_002);
    expect(lines[1]).toBe('1000,"Name 0, ""quoted""",,,,,,,Subscribed,Waiting to be sent,1970-01-01 00:00,1970-01-01 00:00');
    expect(lines[10_000]).toMatch(/^10999,/);
    expect(job.total).toBe(10_000);
    expect(progress.at(-1)).toBe(10_000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(chunks()).toBeGreaterThan(5);
    // Backpressure: the sink never held more than its own buffer and one chunk (~2,000 rows, ~150 kB).
    expect(mostWaiting()).toBeLessThan(16 * 1024 + 200_000);
  });

  it('stops with the sink’s error when the sink fails', async () => {
    const job = subscriberExportJob(Array.from({ length: 5_000 }, (_, i) => stored(i)), request, 'tg-');
    const sink = new Writable({ write: (_c, _e, done) => done(Object.assign(new Error('no space'), { code: 'ENOSPC' })) });
    await expect(job.write(sink, () => {})).rejects.toThrow('no space');
  });
});

describe('progress', () => {
  function job(total: number, steps: number[], fail?: Error): SaveJob {
    return {
      fileName: 'f.csv',
      mime: 'text/csv',
      total,
      async write(_sink, progress) {
        for (const done of steps) progress(done);
        if (fail) throw fail;
      },
    };
  }

  it('is reported at the start, about a hundred times on the way, and once finished', async () => {
    const seen: SaveProgress[] = [];
    const steps = Array.from({ length: 1_000 }, (_, i) => (i + 1) * 10);
    const passedOn: number[] = [];
    await reportingProgress(job(10_000, steps), 'x1', (p) => seen.push(p), String).write(new Writable(), (d) => passedOn.push(d));
    expect(passedOn).toEqual(steps);
    expect(seen[0]).toEqual({ id: 'x1', done: 0, total: 10_000, finished: false });
    expect(seen.at(-1)).toEqual({ id: 'x1', done: 10_000, total: 10_000, finished: true });
    expect(seen.filter((p) => p.finished)).toHaveLength(1);
    expect(seen.length).toBeGreaterThanOrEqual(50);
    expect(seen.length).toBeLessThanOrEqual(102);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('says why it failed, and fails', async () => {
    const seen: SaveProgress[] = [];
    const error = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    await expect(reportingProgress(job(100, [50], error), 'x2', (p) => seen.push(p), fileProblem).write(new Writable(), () => {})).rejects.toBe(error);
    expect(seen.at(-1)).toEqual({ id: 'x2', done: 50, total: 100, finished: true, error: 'the disk is full. Free some space or choose another place, then save again' });
  });

  it('counts an empty file as finished at once', async () => {
    const seen: SaveProgress[] = [];
    await reportingProgress(job(0, []), 'x3', (p) => seen.push(p), String).write(new Writable(), () => {});
    expect(seen).toEqual([
      { id: 'x3', done: 0, total: 0, finished: false },
      { id: 'x3', done: 0, total: 0, finished: true },
    ]);
  });
});

describe('download addresses', () => {
  afterEach(() => vi.useRealTimers());
  const someJob: SaveJob = { fileName: 'підписники.csv', mime: 'text/csv', total: 3, write: async () => {} };

  it('are random, serve their job once, and say how many rows the file holds', async () => {
    const saver = new DownloadSaver();
    const a = await saver.save(someJob);
    const b = await saver.save(someJob);
    if (a.kind !== 'download' || b.kind !== 'download') throw new Error('expected downloads');
    expect(a.url).toMatch(/^\/downloads\/[A-Za-z0-9_-]{32}$/);
    expect(a.url).not.toBe(b.url);
    expect(a).toMatchObject({ fileName: 'підписники.csv', total: 3 });
    const id = a.url.slice('/downloads/'.length);
    expect(saver.take(id)).toBe(someJob);
    expect(saver.take(id)).toBeNull();
    expect(saver.take('guessed')).toBeNull();
  });

  it('expire unused after a few minutes', async () => {
    vi.useFakeTimers();
    const saver = new DownloadSaver(60_000);
    const a = await saver.save(someJob);
    const b = await saver.save(someJob);
    if (a.kind !== 'download' || b.kind !== 'download') throw new Error('expected downloads');
    vi.advanceTimersByTime(59_000);
    expect(saver.take(a.url.slice('/downloads/'.length))).toBe(someJob);
    vi.advanceTimersByTime(1_000);
    expect(saver.take(b.url.slice('/downloads/'.length))).toBeNull();
  });
});
