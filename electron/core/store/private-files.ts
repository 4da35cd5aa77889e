import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Subscriber data and logs are the owner's alone: folders 0700, files 0600. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/**
 * Narrows a folder and the files in it to their owner, for data written by versions that left
 * them readable to every account on the computer. Windows has no such modes (its ACLs already
 * keep a user's AppData to that user).
 */
export async function keepPrivate(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await fs.chmod(dir, PRIVATE_DIR).catch(() => {});
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  await Promise.all(entries.filter((e) => e.isFile()).map((e) => fs.chmod(path.join(dir, e.name), PRIVATE_FILE).catch(() => {})));
}
