import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadPath } from '../../electron/core/backup/uploads.js';
import { readZip } from '../../electron/core/files/zip-file.js';
import { startEngine, type EngineHarness } from '../support/engine-harness.js';
import { testFileSaver } from '../support/file-saver.js';
import { tempDir } from '../support/temp-dir.js';

const PASSPHRASE = 'a passphrase she chose';
let h: EngineHarness | null = null;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  await h?.close();
  h = null;
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineWithSaver() {
  const saves = tempDir('tcy-saves-');
  cleanups.push(saves.remove);
  const saver = testFileSaver(saves.dir);
  h = await startEngine({ saver });
  await h.configure();
  return { h, saver };
}

const chatIds = async (engine: EngineHarness) => new Set((await engine.engine.api.querySubscribers({ limit: 1000 })).rows.map((row) => row.chatId));

describe('the engine saves files for the owner', () => {
  it('saves diagnostics through the FileSaver, with the secrets the engine holds scanned out', async () => {
    const { h, saver } = await engineWithSaver();
    h.tg.start(h.tg.user());
    await h.waitFor(() => h.engine.api.querySubscribers({}), (page) => page.total === 1, 'the first subscriber');
    expect(await h.engine.api.saveDiagnostics({ includeSubscribers: false })).toEqual({ kind: 'saved', path: saver.lastPath() });
    const entries = await readZip(saver.lastPath(), 1e8);
    expect(entries.has('logs/engine.log')).toBe(true);
    expect(JSON.parse(entries.get('status.json')!.toString('utf8'))).toMatchObject({ bot: { state: 'polling' } });
    const all = Buffer.concat([...entries.values()]);
    for (const secret of [h.tg.token, h.tg.token.split(':')[1], h.yespo.apiKey]) expect(all.includes(Buffer.from(secret))).toBe(false);
  });

  it('restores a backup while Telegram keeps delivering /start presses, and loses none of them', async () => {
    const { h, saver } = await engineWithSaver();
    const before = Array.from({ length: 5 }, () => h.tg.user());
    for (const user of before) h.tg.start(user);
    await h.waitFor(() => chatIds(h), (ids) => ids.size === 5, 'the subscribers in the backup');
    await h.engine.api.backupData({ passphrase: PASSPHRASE });

    // The headless shell's upload: the file lands in the data folder under an id.
    const upload = 'b'.repeat(32);
    mkdirSync(path.join(h.dataDir, 'uploads'), { recursive: true });
    copyFileSync(saver.lastPath(), uploadPath(h.dataDir, upload)!);

    const since = Array.from({ length: 10 }, () => h.tg.user());
    for (const user of since) h.tg.start(user);
    await h.waitFor(() => chatIds(h), (ids) => ids.size === 15, 'the subscribers who came after the backup');

    const during = Array.from({ length: 30 }, () => h.tg.user());
    let sent = 0;
    const pressing = setInterval(() => {
      if (sent < during.length) h.tg.start(during[sent++]);
    }, 2);
    const result = await h.engine.api.restoreBackup({ upload, passphrase: PASSPHRASE });
    await h.waitFor(() => sent, (n) => n === during.length, 'every press sent');
    clearInterval(pressing);

    expect(result).toMatchObject({ kind: 'restored', restored: 0, kept: 5, linkKey: true });
    const ids = await h.waitFor(() => chatIds(h), (found) => found.size === 45, 'every subscriber after the restore');
    for (const user of [...before, ...since, ...during]) expect(ids.has(user.id)).toBe(true);
    await h.waitFor(() => h.tg.pendingCount(), (n) => n === 0, 'Telegram has handed out every update');
  });
});
