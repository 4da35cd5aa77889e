/** Looks for secrets where they must never be: every file of a data folder, and a process's output. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export interface Leak {
  where: string;
  secret: string;
}

/**
 * Every place (a file under `dataDir`, or a named text) that holds one of `secrets` (name → value).
 * Files are read as bytes, so a secret in a binary or oddly encoded file is found too.
 */
export function findLeaks(dataDir: string, texts: Record<string, string>, secrets: Record<string, string>): Leak[] {
  const places: Array<{ where: string; content: Buffer }> = [
    ...filesUnder(dataDir).map((file) => ({ where: path.relative(dataDir, file), content: readFileSync(file) })),
    ...Object.entries(texts).map(([where, text]) => ({ where, content: Buffer.from(text, 'utf8') })),
  ];
  return places.flatMap(({ where, content }) =>
    Object.entries(secrets)
      .filter(([, value]) => content.includes(Buffer.from(value, 'utf8')))
      .map(([secret]) => ({ where, secret })),
  );
}

/** How many files the scan read: a scan of an empty folder would prove nothing. */
export function fileCount(dataDir: string): number {
  return filesUnder(dataDir).length;
}
