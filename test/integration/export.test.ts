import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaveProgress } from '../../electron/core/contract/saving.js';
import type { ExportRequest, Subscriber, SubscriberQuery } from '../../electron/core/contract/types.js';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import { DownloadSaver } from '../../electron/core/files/download-saver.js';
import type { FileSaver } from '../../electron/core/files/save-job.js';
import type { Host } from '../../electron/core/contract/host.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer } from '../../electron/headless/server.js';
import { seedStore } from '../bench/seed.js';
import { addAwkwardSubscribers, csvRows, ENGLISH_LABELS, expectedCells } from '../support/export-expectations.js';
import { failureCode } from '../support/failure-code.js';
import { fakeHost } from '../support/fake-host.js';
import { readOnlyView, smallTmpfs } from '../support/mounts.js';
import { tempDir } from '../support/temp-dir.js';

const BOT = 5_550_001;
const NOWHERE = 'http://127.0.0.1:9';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An engine on a store seeded with `count` subscribers and a few awkward ones. */
async function seededEngine(count: number, shell: { host?: Host; saver?: FileSaver } = {}): Promise<Engine> {
  const folder = tempDir('tcy-export-');
  cleanups.push(folder.remove);
  const storeDir = path.join(folder.dir, 'store');
  await seedStore(storeDir, { count, botId: BOT, botUsername: 'corner_shop_bot', apiRoot: NOWHERE, appUuid: '00000000-0000-4000-8000-000000000001' });
  await addAwkwardSubscribers(storeDir, BOT);
  const engine = createEngine({ dataDir: folder.dir, version: 'test', secrets: createMemorySecrets(), logger: createLogger({ level: 'silent' }), overrides: { telegramApiRoot: NOWHERE, yespoApiRoot: NOWHERE }, ...shell });
  await engine.start();
  cleanups.push(() => engine.stop());
  return engine;
}

function exportRequest(query: ExportRequest['query']): ExportRequest {
  return { query, fileName: 'subscribers-2026-12-03.csv', timeZone: 'UTC', labels: ENGLISH_LABELS };
}

/** What the table shows for the query, page by page: what the file must hold, in the same order. */
async function tableRows(engine: Engine, query: Omit<SubscriberQuery, 'offset' | 'limit'>): Promise<Subscriber[]> {
  const rows: Subscriber[] = [];
  for (;;) {
    const page = await engine.api.querySubscribers({ ...query, offset: rows.length, limit: 1000 });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

function expectFile(text: string, rows: Subscriber[]): void {
  const [header, ...cells] = csvRows(text);
  expect(header).toEqual(Object.values(ENGLISH_LABELS.columns));
  expect(cells).toHaveLength(rows.length);
  cells.forEach((line, i) => expect(line, `row ${i + 1}`).toEqual(expectedCells(rows[i])));
}

describe('exporting subscribers on the desktop', () => {
  it('writes every row the table shows, in its order and filter, where the owner chose, reporting progress', async () => {
    const out = tempDir('tcy-chosen-');
    cleanups.push(out.remove);
    const host = fakeHost();
    host.savePath = path.join(out.dir, 'my list.csv');
    const engine = await seededEngine(3_000, { host });
    const progress: SaveProgress[] = [];
    engine.on('saving', (p) => progress.push(p));

    const query = { state: 'active', search: 'family1', sort: 'name', dir: 'asc' } as const;
    const result = await engine.api.exportSubscribers(exportRequest(query));

    expect(result).toEqual({ kind: 'saved', path: host.savePath });
    expect(host.askedToSave).toEqual(['subscribers-2026-12-03.csv']);
    const rows = await tableRows(engine, query);
    expect(rows.length).toBeGreaterThan(100);
    expectFile(readFileSync(host.savePath, 'utf8'), rows);
    expect(statSync(host.savePath).mode & 0o777).toBe(0o600);
    expect(readdirSync(out.dir)).toEqual(['my list.csv']);
    expect(progress[0]).toMatchObject({ done: 0, total: rows.length, finished: false });
    expect(progress.at(-1)).toMatchObject({ done: rows.length, total: rows.length, finished: true });
    expect(new Set(progress.map((p) => p.id)).size).toBe(1);
  });

  it('writes everyone, the awkward names included, cell by cell', async () => {
    const out = tempDir('tcy-chosen-');
    cleanups.push(out.remove);
    const host = fakeHost();
    host.savePath = path.join(out.dir, 'all.csv');
    const engine = await seededEngine(500, { host });
    await engine.api.exportSubscribers(exportRequest({}));
    const rows = await tableRows(engine, {});
    expect(rows).toHaveLength(503);
    const text = readFileSync(host.savePath, 'utf8');
    expectFile(text, rows);
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(text).toContain('Personal link · customer crm-77');
  });

  it('writes nothing when the owner cancels the dialog', async () => {
    const host = fakeHost();
    const engine = await seededEngine(10, { host });
    expect(await engine.api.exportSubscribers(exportRequest({}))).toEqual({ kind: 'cancelled' });
  });

  it('is refused with what to do where the shell can neither ask nor download', async () => {
    const engine = await seededEngine(10);
    expect(await failureCode(engine.api.exportSubscribers(exportRequest({})))).toBe('not_available');
  });

  const disk = smallTmpfs(64);
  disk?.remove();
  it.skipIf(!disk)('a full disk leaves no file under the chosen name, nor a part of one, and says the disk is full', async () => {
    const small = smallTmpfs(64)!;
    cleanups.push(small.remove);
    const host = fakeHost();
    host.savePath = path.join(small.dir, 'subscribers.csv');
    const engine = await seededEngine(3_000, { host });
    const progress: SaveProgress[] = [];
    engine.on('saving', (p) => progress.push(p));
    const failure = await engine.api.exportSubscribers(exportRequest({})).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'save_failed', message: expect.stringContaining('the disk is full') });
    expect(readdirSync(small.dir)).toEqual([]);
    expect(progress.at(-1)).toMatchObject({ finished: true, error: expect.stringContaining('the disk is full') });
  });

  const probe = tempDir('tcy-ro-probe-');
  const view = readOnlyView(probe.dir);
  view?.remove();
  probe.remove();
  it.skipIf(!view)('a read-only folder leaves no file and says to choose another folder', async () => {
    const source = tempDir('tcy-ro-src-');
    cleanups.push(source.remove);
    const readOnly = readOnlyView(source.dir)!;
    cleanups.push(readOnly.remove);
    const host = fakeHost();
    host.savePath = path.join(readOnly.dir, 'subscribers.csv');
    const engine = await seededEngine(100, { host });
    const failure = await engine.api.exportSubscribers(exportRequest({})).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'save_failed', message: expect.stringContaining('Choose another folder') });
    expect(readdirSync(source.dir)).toEqual([]);
  });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  chunks: number;
}

function request(port: number, pathname: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      let text = '';
      let chunks = 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => ((text += chunk), chunks++));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, chunks }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('exporting subscribers in the headless shell', () => {
  it('hands out a one-time download address that needs the session and streams the file', async () => {
    const downloads = new DownloadSaver();
    const engine = await seededEngine(3_000, { saver: downloads });
    const token = 'export-test-token-0123456789abcdef';
    const ui = tempDir('tcy-ui-');
    cleanups.push(ui.remove);
    const server = await startHeadlessServer({ engine, uiDir: ui.dir, host: '127.0.0.1', port: 0, token, logger: createLogger({ level: 'silent' }), downloads });
    cleanups.push(() => server.close());
    const host = `127.0.0.1:${server.port}`;
    const auth = { host, authorization: `Bearer ${token}` };

    const query = { yespo: 'synced', sort: 'firstStartAt', dir: 'asc' } as const;
    const answer = await request(server.port, '/api/exportSubscribers', { ...auth, 'content-type': 'application/json' }, 'POST', JSON.stringify(exportRequest(query)));
    const result = JSON.parse(answer.body) as { ok: true; value: { kind: string; url: string; fileName: string; total: number } };
    expect(result.value).toMatchObject({ kind: 'download', fileName: 'subscribers-2026-12-03.csv', total: 3_000 });

    expect((await request(server.port, result.value.url, { host })).status).toBe(401);
    expect((await request(server.port, result.value.url, { host, authorization: 'Bearer wrong' })).status).toBe(401);
    const file = await request(server.port, result.value.url, auth);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename=subscribers-2026-12-03.csv');
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-length']).toBeUndefined();
    expect(file.chunks).toBeGreaterThan(1);
    expectFile(file.body, await tableRows(engine, query));

    const again = await request(server.port, result.value.url, auth);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('export again') } });
  });
});
