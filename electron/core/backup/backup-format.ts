import { createHash } from 'node:crypto';
import type { SealedKey } from './sealed-key.js';

/** The format written now; a reader refuses a newer one rather than guess at it. */
export const BACKUP_FORMAT = 1;
export const BACKUP_APP = 'telegram-connector-yespo';
export const MANIFEST_ENTRY = 'manifest.json';
export const KEY_ENTRY = 'link-key.json';

export interface BackupManifest {
  app: typeof BACKUP_APP;
  format: number;
  appVersion: string;
  createdAt: number;
  /** The bot the data belongs to; null for a backup taken before setup. */
  bot: { id: number; username?: string } | null;
  /** Records per collection. */
  counts: Record<string, number>;
  /** SHA-256 (hex) of every other entry. */
  checksums: Record<string, string>;
  /** Whether the link-signing key is inside, sealed with the passphrase. */
  linkKey: boolean;
}

/** Why a file cannot be restored, in words for the owner. */
export class BackupInvalid extends Error {}

export function collectionEntry(collection: string): string {
  return `collections/${collection}.jsonl`;
}

export function checksum(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One record a line, as `[key, value]`: a line stays small however many records there are. */
export function encodeCollection(records: Iterable<[string, unknown]>): Buffer {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  return Buffer.from(text, 'utf8');
}

function decodeCollection(name: string, data: Buffer): Array<[string, unknown]> {
  const records: Array<[string, unknown]> = [];
  for (const line of data.toString('utf8').split('\n')) {
    if (line === '') continue;
    const record: unknown = JSON.parse(line);
    if (!Array.isArray(record) || record.length !== 2 || typeof record[0] !== 'string') throw new BackupInvalid(`a record in ${name} is not readable`);
    records.push(record as [string, unknown]);
  }
  return records;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseManifest(data: Buffer | undefined): BackupManifest {
  if (!data) throw new BackupInvalid('This file is not a backup of this app (it has no manifest).');
  let manifest: unknown;
  try {
    manifest = JSON.parse(data.toString('utf8'));
  } catch {
    throw new BackupInvalid('The backup is damaged: its manifest is not readable.');
  }
  if (!isObject(manifest) || manifest.app !== BACKUP_APP || typeof manifest.format !== 'number') throw new BackupInvalid('This file is not a backup of this app.');
  if (manifest.format > BACKUP_FORMAT) throw new BackupInvalid('This backup was made by a newer version of the app. Update the app, then restore it.');
  if (!isObject(manifest.checksums) || !isObject(manifest.counts) || typeof manifest.createdAt !== 'number') throw new BackupInvalid('The backup is damaged: its manifest is incomplete.');
  return manifest as unknown as BackupManifest;
}

export interface CheckedBackup {
  manifest: BackupManifest;
  collections: Map<string, Array<[string, unknown]>>;
  sealedKey: SealedKey | null;
}

/** Reads a backup's entries after checking every checksum, so nothing of a damaged file is used. */
export function checkBackup(entries: Map<string, Buffer>): CheckedBackup {
  const manifest = parseManifest(entries.get(MANIFEST_ENTRY));
  for (const [name, sum] of Object.entries(manifest.checksums)) {
    const data = entries.get(name);
    if (!data) throw new BackupInvalid(`The backup is incomplete: ${name} is missing.`);
    if (checksum(data) !== sum) throw new BackupInvalid(`The backup is damaged: ${name} does not match its checksum.`);
  }
  for (const name of entries.keys()) {
    if (name !== MANIFEST_ENTRY && !(name in manifest.checksums)) throw new BackupInvalid(`The backup holds a file its manifest does not list (${name}).`);
  }
  const collections = new Map<string, Array<[string, unknown]>>();
  for (const collection of Object.keys(manifest.counts)) {
    const data = entries.get(collectionEntry(collection));
    if (!data) throw new BackupInvalid(`The backup is incomplete: ${collection} is missing.`);
    try {
      collections.set(collection, decodeCollection(collection, data));
    } catch (error) {
      throw error instanceof BackupInvalid ? error : new BackupInvalid(`The backup is damaged: ${collection} is not readable.`);
    }
  }
  const key = entries.get(KEY_ENTRY);
  let sealedKey: SealedKey | null = null;
  if (manifest.linkKey) {
    if (!key) throw new BackupInvalid('The backup is incomplete: the link-signing key is missing.');
    try {
      sealedKey = JSON.parse(key.toString('utf8')) as SealedKey;
    } catch {
      throw new BackupInvalid('The backup is damaged: the link-signing key is not readable.');
    }
  }
  return { manifest, collections, sealedKey };
}
