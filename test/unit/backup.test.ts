import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionEntry } from '../../electron/core/backup/backup-format.js';
import { BackupService } from '../../electron/core/backup/backup-service.js';
import { planRestore } from '../../electron/core/backup/restore-merge.js';
import { uploadPath } from '../../electron/core/backup/uploads.js';
import type { BackupBot } from '../../electron/core/contract/types.js';
import { readZip, writeZip } from '../../electron/core/files/zip-file.js';
import { signPayload, verifyPayload } from '../../electron/core/links/signing.js';
import { createMemorySecrets, type MemorySecrets } from '../../electron/core/secrets/memory.js';
import { SecretVault } from '../../electron/core/secrets/vault.js';
import { COLLECTIONS, subscriberKey } from '../../electron/core/store/schema.js';
import { Store } from '../../electron/core/store/store.js';
import { fakeHost } from '../support/fake-host.js';
import { testFileSaver } from '../support/file-saver.js';
import { tempDir } from '../support/temp-dir.js';

const PASSPHRASE = 'correct horse battery staple';
const BOT: BackupBot = { id: 5001, username: 'shop_bot' };

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const subscriber = (chatId: number, name: string) => ({ botId: BOT.id, chatId, name, state: 'active', yespo: { state: 'synced' } });

/** One install of the app: a data folder, a keychain, and the backup service on them. */
async function install(options: { bot?: BackupBot | null; linkKey?: string; pause?: () => Promise<void> } = {}) {
  const folder = tempDir('tcy-backup-');
  cleanups.push(folder.remove);
  const store = await Store.open(path.join(folder.dir, 'store'));
  cleanups.push(() => store.close());
  const secrets: MemorySecrets = createMemorySecrets(options.linkKey ? { linkSecret: options.linkKey } : {});
  const vault = new SecretVault({ secrets, onKeychainChange: () => {} });
  await vault.load();
  const saves = path.join(folder.dir, 'saves');
  mkdirSync(saves);
  const saver = testFileSaver(saves);
  const host = fakeHost();
  const paused: string[] = [];
  const service = new BackupService({
    store,
    saver,
    vault,
    host,
    dataDir: folder.dir,
    version: '1.2.3',
    now: () => Date.UTC(2026, 11, 3),
    bot: () => (options.bot === undefined ? BOT : options.bot),
    commit: (tx) => store.commit(tx),
    pause: async () => {
      paused.push('pause');
      await options.pause?.();
    },
    resume: () => paused.push('resume'),
  });
  /** The file as she picks it in the open dialog. */
  const choose = async (file: string) => {
    host.fileToOpen = file;
    const chosen = await service.chooseFile();
    return chosen!.upload;
  };
  return { dir: folder.dir, store, secrets, vault, saver, service, choose, paused };
}

async function backupOf(source: Awaited<ReturnType<typeof install>>): Promise<string> {
  const result = await source.service.backup(PASSPHRASE);
  expect(result).toEqual({ kind: 'saved', path: source.saver.lastPath() });
  return source.saver.lastPath();
}

describe('Back up and restore', () => {
  it('brings the subscribers and the link-signing key to a fresh data folder and keychain: links signed before verify after', async () => {
    const source = await install();
    await source.store.commit(source.store.tx().put(COLLECTIONS.subscribers, subscriberKey(BOT.id, 1), subscriber(1, 'Olena')).append(COLLECTIONS.events, subscriberKey(BOT.id, 1), { at: 1, kind: 'start' }));
    const key = (await source.vault.linkKey())!;
    const payload = signPayload(key, 'externalCustomerId', 'crm-1001')!;
    const file = await backupOf(source);

    const target = await install({ bot: null });
    expect(target.vault.linkKeyNow()).toBeNull();
    const result = await target.service.restore({ upload: await target.choose(file), passphrase: PASSPHRASE });

    expect(result).toEqual({ kind: 'restored', createdAt: Date.UTC(2026, 11, 3), bot: BOT, restored: 1, kept: 0, linkKey: true });
    expect(target.store.get(COLLECTIONS.subscribers, subscriberKey(BOT.id, 1))).toMatchObject({ name: 'Olena' });
    expect(target.store.get(COLLECTIONS.events, subscriberKey(BOT.id, 1))).toEqual([{ at: 1, kind: 'start' }]);
    const restoredKey = await target.secrets.get('linkSecret');
    expect(verifyPayload(restoredKey!, payload)).toEqual({ kind: 'externalCustomerId', value: 'crm-1001' });
    expect(target.vault.linkKeyNow()).toBe(restoredKey);
    expect(target.paused).toEqual(['pause', 'resume']);
  });

  it('keeps the key out of the file in the clear and writes a manifest with counts and checksums', async () => {
    const source = await install({ linkKey: 'bGluay1rZXktZm9yLXNpZ25pbmctbGlua3MtMTIz' });
    const file = await backupOf(source);
    expect(readFileSync(file).includes(Buffer.from('bGluay1rZXktZm9yLXNpZ25pbmctbGlua3MtMTIz'))).toBe(false);
    const manifest = JSON.parse((await readZip(file, 1e8)).get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ app: 'telegram-connector-yespo', format: 1, appVersion: '1.2.3', bot: BOT, linkKey: true, counts: { subscribers: 0 } });
    expect(Object.keys(manifest.checksums)).toContain(collectionEntry(COLLECTIONS.subscribers));
  });

  it('says a wrong passphrase is wrong and changes nothing', async () => {
    const source = await install();
    await source.store.commit(source.store.tx().put(COLLECTIONS.subscribers, subscriberKey(BOT.id, 1), subscriber(1, 'Olena')));
    const file = await backupOf(source);
    const target = await install({ linkKey: 'dGFyZ2V0LWtleS10YXJnZXQta2V5LXRhcmdldA' });
    await expect(target.service.restore({ upload: await target.choose(file), passphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(target.store.collection(COLLECTIONS.subscribers).size).toBe(0);
    expect(await target.secrets.get('linkSecret')).toBe('dGFyZ2V0LWtleS10YXJnZXQta2V5LXRhcmdldA');
    expect(target.paused).toEqual([]);
  });

  it('refuses a file whose records do not match their checksum, or that is no zip at all, before changing anything', async () => {
    const source = await install();
    await source.store.commit(source.store.tx().put(COLLECTIONS.subscribers, subscriberKey(BOT.id, 1), subscriber(1, 'Olena')));
    const entries = await readZip(await backupOf(source), 1e8);
    const name = collectionEntry(COLLECTIONS.subscribers);
    entries.set(name, Buffer.from(entries.get(name)!.toString('utf8').replace('Olena', 'Oleno')));
    const target = await install();
    const tampered = path.join(target.dir, 'tampered.zip');
    await writeZip([...entries].map(([entry, data]) => ({ name: entry, data })), (await import('node:fs')).createWriteStream(tampered));
    await expect(target.service.restore({ upload: await target.choose(tampered), passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'backup_invalid',
      message: expect.stringContaining('does not match its checksum'),
    });
    const notZip = path.join(target.dir, 'notes.zip');
    writeFileSync(notZip, 'just some text');
    await expect(target.service.restore({ upload: await target.choose(notZip), passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'backup_invalid' });
    expect(target.store.collection(COLLECTIONS.subscribers).size).toBe(0);
    expect(target.paused).toEqual([]);
  });

  it("asks before restoring another bot's backup, naming both bots, and proceeds once confirmed", async () => {
    const source = await install();
    await source.store.commit(source.store.tx().put(COLLECTIONS.subscribers, subscriberKey(BOT.id, 1), subscriber(1, 'Olena')));
    const file = await backupOf(source);
    const other = { id: 7007, username: 'other_bot' };
    const target = await install({ bot: other });
    const upload = await target.choose(file);
    expect(await target.service.restore({ upload, passphrase: PASSPHRASE })).toEqual({ kind: 'needs-confirmation', backupBot: BOT, currentBot: other, createdAt: Date.UTC(2026, 11, 3) });
    expect(target.store.collection(COLLECTIONS.subscribers).size).toBe(0);
    expect(await target.service.restore({ upload, passphrase: PASSPHRASE, confirm: true })).toMatchObject({ kind: 'restored', restored: 1 });
  });

  it('restores an uploaded file from the data folder by its id and removes it afterwards; an unknown id is refused', async () => {
    const source = await install();
    const file = await backupOf(source);
    const target = await install();
    const id = 'a'.repeat(32);
    mkdirSync(path.join(target.dir, 'uploads'));
    writeFileSync(uploadPath(target.dir, id)!, readFileSync(file));
    expect(await target.service.restore({ upload: id, passphrase: PASSPHRASE })).toMatchObject({ kind: 'restored' });
    await expect(target.service.restore({ upload: id, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'not_found' });
    await expect(target.service.restore({ upload: '../../etc/passwd', passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a second restore while one is under way', async () => {
    const source = await install();
    const file = await backupOf(source);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const target = await install({ pause: () => held });
    const upload = await target.choose(file);
    const first = target.service.restore({ upload, passphrase: PASSPHRASE });
    await expect.poll(() => target.paused).toEqual(['pause']);
    await expect(target.service.restore({ upload, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'not_ready' });
    release();
    await expect(first).resolves.toMatchObject({ kind: 'restored' });
    expect(target.paused).toEqual(['pause', 'resume']);
  });
});

describe('planRestore', () => {
  it('fills in what is missing, keeps what is here now, and merges stories', () => {
    const now = new Map<string, unknown>([
      [`subscribers|${subscriberKey(1, 2)}`, { chatId: 2, state: 'blocked' }],
      [`subscribers|${subscriberKey(1, 3)}`, { chatId: 3, state: 'active' }],
      [`events|${subscriberKey(1, 2)}`, [{ at: 30, kind: 'block' }]],
      ['meta|poller:1', { offset: 900 }],
    ]);
    const plan = planRestore(
      (c, k) => now.get(`${c}|${k}`),
      new Map<string, Array<[string, unknown]>>([
        [COLLECTIONS.subscribers, [[subscriberKey(1, 1), { chatId: 1 }], [subscriberKey(1, 2), { chatId: 2, state: 'active' }]]],
        [COLLECTIONS.events, [[subscriberKey(1, 2), [{ at: 10, kind: 'start' }, { at: 30, kind: 'block' }]]]],
        [COLLECTIONS.meta, [['poller:1', { offset: 500 }]]],
      ]),
    );
    expect(plan.subscribers).toEqual({ restored: 1, kept: 1 });
    expect(plan.puts).toEqual([
      { c: COLLECTIONS.subscribers, k: subscriberKey(1, 1), v: { chatId: 1 } },
      { c: COLLECTIONS.events, k: subscriberKey(1, 2), v: [{ at: 10, kind: 'start' }, { at: 30, kind: 'block' }] },
    ]);
  });
});
