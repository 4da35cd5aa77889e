import { promises as fs } from 'node:fs';
import { ApiFailure } from '../contract/errors.js';
import type { Host } from '../contract/host.js';
import type { SaveResult } from '../contract/saving.js';
import type { BackupBot, RestoreFile, RestoreResult } from '../contract/types.js';
import type { FileSaver } from '../files/save-job.js';
import { readZip, writeZip, ZipTooLarge, type ZipEntry } from '../files/zip-file.js';
import type { SecretVault } from '../secrets/vault.js';
import { COLLECTIONS } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import {
  BACKUP_APP,
  BACKUP_FORMAT,
  BackupInvalid,
  checkBackup,
  checksum,
  collectionEntry,
  encodeCollection,
  KEY_ENTRY,
  MANIFEST_ENTRY,
  type BackupManifest,
} from './backup-format.js';
import { planRestore } from './restore-merge.js';
import { openKey, sealKey } from './sealed-key.js';
import { ChosenFiles } from './uploads.js';

/** A backup of 100,000 subscribers is about 60 MB; this leaves room and still fits in memory. */
export const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;

export interface BackupDeps {
  store: Store;
  saver: FileSaver;
  vault: Pick<SecretVault, 'linkKey' | 'linkKeyNow' | 'restoreLinkKey'>;
  host: Host | null;
  dataDir: string;
  version: string;
  now(): number;
  /** The bot this app serves now, if it knows one. */
  bot(): BackupBot | null;
  commit(tx: Tx): Promise<void>;
  /**
   * Stops the workers, the poller first: no batch is confirmed to Telegram while the data is
   * swapped, so what Telegram holds stays there until they run again.
   */
  pause(): Promise<void>;
  resume(): void;
}

/** The data folder in one file, with the link-signing key sealed by the owner's passphrase; and back. */
export class BackupService {
  private readonly chosen = new ChosenFiles();
  private restoring = false;

  constructor(private readonly deps: BackupDeps) {}

  async backup(passphrase: string): Promise<SaveResult> {
    const { store } = this.deps;
    const key = await this.deps.vault.linkKey();
    // Everything committed so far is on disk first; then the records are taken in one tick, and a
    // commit applies a whole batch in one tick, so the backup never holds half of one.
    await store.durable();
    const records = Object.values(COLLECTIONS).map((collection) => ({ collection, records: [...store.collection<unknown>(collection)] }));
    const createdAt = this.deps.now();
    const bot = this.deps.bot();

    const entries: ZipEntry[] = records.map(({ collection, records: list }) => ({ name: collectionEntry(collection), data: encodeCollection(list) }));
    if (key) entries.push({ name: KEY_ENTRY, data: Buffer.from(JSON.stringify(await sealKey(key, passphrase)), 'utf8') });
    const manifest: BackupManifest = {
      app: BACKUP_APP,
      format: BACKUP_FORMAT,
      appVersion: this.deps.version,
      createdAt,
      bot,
      counts: Object.fromEntries(records.map(({ collection, records: list }) => [collection, list.length])),
      checksums: Object.fromEntries(entries.map((entry) => [entry.name, checksum(entry.data)])),
      linkKey: key !== null,
    };
    const all = [{ name: MANIFEST_ENTRY, data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') }, ...entries];
    return this.deps.saver.save({
      fileName: `telegram-connector-backup-${new Date(createdAt).toISOString().slice(0, 10)}.zip`,
      mime: 'application/zip',
      total: all.length,
      write: (sink, progress) => writeZip(all, sink, progress),
    });
  }

  /** Desktop: the open dialog. Null when she cancels. */
  async chooseFile(): Promise<RestoreFile | null> {
    const host = this.deps.host;
    if (!host) throw new ApiFailure('not_available', 'This app cannot open a file dialog here; upload the backup instead.');
    const file = await host.chooseOpenFile();
    if (file === null) return null;
    return { upload: this.chosen.add(file), name: file.split(/[\\/]/).pop() ?? file };
  }

  async restore(request: { upload: string; passphrase: string; confirm?: boolean }): Promise<RestoreResult> {
    // A second restore would start the workers while the first still swaps the data.
    if (this.restoring) throw new ApiFailure('not_ready', 'A restore is already under way; wait for it to finish.');
    this.restoring = true;
    try {
      return await this.restoreOnce(request);
    } finally {
      this.restoring = false;
    }
  }

  private async restoreOnce({ upload, passphrase, confirm }: { upload: string; passphrase: string; confirm?: boolean }): Promise<RestoreResult> {
    const source = this.chosen.resolve(this.deps.dataDir, upload);
    if (!source) throw new ApiFailure('not_found', 'That backup file is no longer here. Choose it again.');
    const backup = checked(await this.read(source.file));
    const { manifest } = backup;
    let key: string | null = null;
    if (backup.sealedKey) {
      key = await openKey(backup.sealedKey, passphrase);
      if (key === null) throw new ApiFailure('wrong_passphrase', 'The passphrase does not open this backup. Nothing was changed; try again.');
    }
    const current = this.deps.bot();
    if (!confirm && manifest.bot && current && manifest.bot.id !== current.id) {
      return { kind: 'needs-confirmation', backupBot: manifest.bot, currentBot: current, createdAt: manifest.createdAt };
    }

    await this.deps.pause();
    try {
      // Planned with the workers stopped, so nothing lands between the plan and its commit.
      const plan = planRestore((c, k) => this.deps.store.get(c, k), backup.collections);
      const previousKey = this.deps.vault.linkKeyNow();
      if (key !== null && key !== previousKey) await this.deps.vault.restoreLinkKey(key);
      try {
        const tx = this.deps.store.tx();
        for (const put of plan.puts) tx.put(put.c, put.k, put.v);
        await this.deps.commit(tx);
      } catch (error) {
        if (key !== null && previousKey !== null && key !== previousKey) await this.deps.vault.restoreLinkKey(previousKey).catch(() => {});
        throw error;
      }
      if (source.uploaded) await fs.rm(source.file, { force: true });
      return { kind: 'restored', createdAt: manifest.createdAt, bot: manifest.bot, restored: plan.subscribers.restored, kept: plan.subscribers.kept, linkKey: key !== null };
    } finally {
      this.deps.resume();
    }
  }

  private async read(file: string): Promise<Map<string, Buffer>> {
    try {
      return await readZip(file, MAX_BACKUP_BYTES);
    } catch (error) {
      if (error instanceof ZipTooLarge) throw new ApiFailure('backup_invalid', 'This file is too large to be a backup of this app.');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiFailure('not_found', 'That backup file is no longer here. Choose it again.');
      throw new ApiFailure('backup_invalid', 'This file is not a backup of this app, or it is damaged (it is not a readable zip).');
    }
  }
}

function checked(entries: Map<string, Buffer>): ReturnType<typeof checkBackup> {
  try {
    return checkBackup(entries);
  } catch (error) {
    if (error instanceof BackupInvalid) throw new ApiFailure('backup_invalid', error.message);
    throw error;
  }
}
