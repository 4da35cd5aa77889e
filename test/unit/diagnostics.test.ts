import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticsService } from '../../electron/core/diagnostics/diagnostics-service.js';
import { readZip } from '../../electron/core/files/zip-file.js';
import { rememberSecret } from '../../electron/core/redact.js';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings.js';
import { COLLECTIONS, subscriberKey } from '../../electron/core/store/schema.js';
import { Store } from '../../electron/core/store/store.js';
import { testFileSaver } from '../support/file-saver.js';
import { healthyStatus } from '../support/healthy-status.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = '7412589630:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const API_KEY = 'yespo-key-5Jd8s0aQwErTy';
const LINK_KEY = 'bGluay1rZXktZm9yLXNpZ25pbmctbGlua3MtMTIz';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(options: { redact?: (text: string) => string; log?: string } = {}) {
  const folder = tempDir('tcy-diag-');
  cleanups.push(folder.remove);
  const store = await Store.open(path.join(folder.dir, 'store'));
  cleanups.push(() => store.close());
  await store.commit(
    store.tx().put(COLLECTIONS.subscribers, subscriberKey(1, 42), { botId: 1, chatId: 42, name: 'Olena Kovalenko', state: 'active', yespo: { state: 'synced' } }),
  );
  const logs = path.join(folder.dir, 'logs');
  mkdirSync(logs, { recursive: true });
  writeFileSync(path.join(logs, 'engine.log'), options.log ?? '{"msg":"polling"}\n');
  writeFileSync(path.join(logs, 'engine.log.1'), '{"msg":"an older line"}\n');
  writeFileSync(path.join(logs, 'engine.log.old'), '{"msg":"not a rotated log"}\n');
  const saves = path.join(folder.dir, 'saves');
  mkdirSync(saves);
  const saver = testFileSaver(saves);
  for (const secret of [TOKEN, API_KEY, LINK_KEY]) rememberSecret(secret);
  const service = new DiagnosticsService({
    saver,
    logFile: path.join(logs, 'engine.log'),
    store,
    version: '1.2.3',
    status: async () => healthyStatus(),
    settings: () => DEFAULT_SETTINGS,
    secrets: () => [TOKEN, API_KEY, LINK_KEY],
    now: () => Date.UTC(2026, 11, 3, 10, 0, 0),
    redact: options.redact,
  });
  return { service, saver };
}

async function entriesOf(file: string): Promise<Map<string, string>> {
  const entries = await readZip(file, 100 * 1024 * 1024);
  return new Map([...entries].map(([name, data]) => [name, data.toString('utf8')]));
}

describe('Save diagnostics', () => {
  it('holds the logs (rotated ones too), the status, versions, settings and the store health, each readable', async () => {
    const { service, saver } = await setUp();
    expect(await service.save({ includeSubscribers: false })).toEqual({ kind: 'saved', path: saver.lastPath() });
    expect(saver.jobs[0].fileName).toBe('telegram-connector-diagnostics-2026-12-03-10-00-00.zip');
    const entries = await entriesOf(saver.lastPath());
    expect([...entries.keys()].sort()).toEqual(['logs/engine.log', 'logs/engine.log.1', 'settings.json', 'status.json', 'store.json', 'versions.json']);
    expect(JSON.parse(entries.get('status.json')!)).toEqual(JSON.parse(JSON.stringify(healthyStatus())));
    expect(JSON.parse(entries.get('versions.json')!)).toMatchObject({ app: '1.2.3', node: process.versions.node, platform: process.platform });
    expect(JSON.parse(entries.get('settings.json')!)).toMatchObject({ telegramApiRoot: DEFAULT_SETTINGS.telegramApiRoot });
    const store = JSON.parse(entries.get('store.json')!);
    expect(store.counts).toMatchObject({ subscribers: 1 });
    expect(store.health).toEqual({ state: 'ok' });
    expect(store.quarantine).toEqual([]);
    expect(store.files.map((f: { name: string }) => f.name).some((name: string) => name.startsWith('journal-'))).toBe(true);
    expect(entries.get('logs/engine.log.1')).toContain('an older line');
  });

  it('leaves subscriber data out unless asked, then carries the subscribers as JSON lines', async () => {
    const { service, saver } = await setUp();
    await service.save({ includeSubscribers: false });
    const without = await entriesOf(saver.lastPath());
    expect([...without.values()].join('\n')).not.toContain('Olena Kovalenko');

    await service.save({ includeSubscribers: true });
    const withData = await entriesOf(saver.lastPath());
    const lines = withData.get('subscribers.jsonl')!.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([expect.objectContaining({ chatId: 42, name: 'Olena Kovalenko' })]);
  });

  it('redacts a bot token, the API key and the link key planted in the log, in every form', async () => {
    const planted = [
      `{"msg":"GET https://api.telegram.org/bot${TOKEN}/getUpdates"}`,
      `{"msg":"secret half ${TOKEN.split(':')[1]}"}`,
      `{"msg":"key ${encodeURIComponent(API_KEY)} and ${Buffer.from(`user:${LINK_KEY}`).toString('base64')}"}`,
    ].join('\n');
    const { service, saver } = await setUp({ log: `${planted}\n` });
    await service.save({ includeSubscribers: true });
    const all = [...(await entriesOf(saver.lastPath())).values()].join('\n');
    expect(all).toContain('<redacted>');
    for (const secret of [TOKEN, TOKEN.split(':')[1], API_KEY, encodeURIComponent(API_KEY), LINK_KEY]) expect(all).not.toContain(secret);
  });

  it('refuses to write a report that still holds a secret after redaction, and writes nothing', async () => {
    const { service, saver } = await setUp({ log: `{"msg":"key ${Buffer.from(LINK_KEY).toString('base64')}"}\n`, redact: (text) => text });
    await expect(service.save({ includeSubscribers: false })).rejects.toMatchObject({ code: 'secret_found', details: { entry: 'logs/engine.log' } });
    expect(saver.jobs).toEqual([]);
  });
});
