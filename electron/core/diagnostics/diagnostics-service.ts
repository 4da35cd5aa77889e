import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiFailure } from '../contract/errors.js';
import type { SaveResult } from '../contract/saving.js';
import type { Settings, Status } from '../contract/types.js';
import type { FileSaver } from '../files/save-job.js';
import { writeZip, type ZipEntry } from '../files/zip-file.js';
import { redact as redactText } from '../redact.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import { COLLECTIONS } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { entryWithSecret } from './secret-scan.js';

/** The tail of each log file that goes in: enough for support, small enough to send by email. */
const MAX_LOG_BYTES = 20 * 1024 * 1024;

export interface DiagnosticsDeps {
  saver: FileSaver;
  /** The engine's log file; rotated ones sit beside it as `<name>.1`, `<name>.2`… */
  logFile: string;
  store: Pick<Store, 'dir' | 'health' | 'collection'>;
  version: string;
  status(): Promise<Status>;
  settings(): Settings;
  /** Every secret held now: the report is scanned for each before it is written. */
  secrets(): string[];
  now(): number;
  /** Tests replace it to prove the scan catches what redaction misses. */
  redact?: (text: string) => string;
}

/** A zip for support: logs, status, versions, settings and the store's health; subscribers only when asked. */
export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsDeps) {}

  async save({ includeSubscribers }: { includeSubscribers: boolean }): Promise<SaveResult> {
    const redact = this.deps.redact ?? redactText;
    const text = (name: string, value: string): ZipEntry => ({ name, data: Buffer.from(redact(value), 'utf8') });
    const json = (name: string, value: unknown): ZipEntry => text(name, `${JSON.stringify(value, null, 2)}\n`);

    const entries: ZipEntry[] = [
      json('status.json', await this.deps.status()),
      json('versions.json', this.versions()),
      json('settings.json', this.deps.settings()),
      json('store.json', await this.storeHealth()),
    ];
    for (const log of await this.logs()) entries.push(text(`logs/${log.name}`, log.text));
    if (includeSubscribers) {
      let lines = '';
      for (const subscriber of this.deps.store.collection<unknown>(COLLECTIONS.subscribers).values()) lines += `${JSON.stringify(subscriber)}\n`;
      entries.push(text('subscribers.jsonl', lines));
    }

    // Nothing is written when a secret is left: a report that leaks would be worse than none.
    const leak = entryWithSecret(entries, this.deps.secrets());
    if (leak) {
      throw new ApiFailure('secret_found', `The report was not saved: ${leak} still held a secret after redaction. Nothing was written; please tell support.`, { entry: leak });
    }
    const stamp = new Date(this.deps.now()).toISOString().slice(0, 19).replace(/[T:]/g, '-');
    return this.deps.saver.save({
      fileName: `telegram-connector-diagnostics-${stamp}.zip`,
      mime: 'application/zip',
      total: entries.length,
      write: (sink, progress) => writeZip(entries, sink, progress),
    });
  }

  private versions(): Record<string, string | null> {
    return {
      app: this.deps.version,
      dataSchema: String(SCHEMA_VERSION),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      os: `${os.type()} ${os.release()}`,
      platform: process.platform,
      arch: process.arch,
    };
  }

  private async storeHealth(): Promise<unknown> {
    const { store } = this.deps;
    const names = await fs.readdir(store.dir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.sort().map(async (name) => ({ name, bytes: (await fs.stat(path.join(store.dir, name)).catch(() => null))?.size ?? null })),
    );
    return {
      health: store.health,
      counts: Object.fromEntries(Object.values(COLLECTIONS).map((c) => [c, store.collection(c).size])),
      files,
      quarantine: files.filter((file) => file.name.startsWith('quarantine-')).map((file) => file.name),
    };
  }

  /** The log file and its rotated siblings, newest first, each cut to its last MAX_LOG_BYTES. */
  private async logs(): Promise<Array<{ name: string; text: string }>> {
    const dir = path.dirname(this.deps.logFile);
    const base = path.basename(this.deps.logFile);
    const generation = (name: string): number => (name === base ? 0 : Number(name.slice(base.length + 1)));
    const names = (await fs.readdir(dir).catch(() => [] as string[]))
      .filter((name) => name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))))
      .sort((a, b) => generation(a) - generation(b));
    const logs: Array<{ name: string; text: string }> = [];
    for (const name of names) {
      const data = await fs.readFile(path.join(dir, name)).catch(() => null);
      if (data) logs.push({ name, text: data.subarray(Math.max(0, data.length - MAX_LOG_BYTES)).toString('utf8') });
    }
    return logs;
  }
}
