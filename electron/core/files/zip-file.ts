import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Writes the entries as one zip into `sink`, reporting each entry added. */
export async function writeZip(entries: readonly ZipEntry[], sink: Writable, progress: (done: number) => void = () => {}): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = pipeline(zip.outputStream, sink);
  entries.forEach((entry, index) => {
    zip.addBuffer(entry.data, entry.name, { mtime: new Date(0), mode: 0o600 });
    progress(index + 1);
  });
  zip.end();
  await done;
}

export class ZipTooLarge extends Error {}

/**
 * Every entry of a zip file, read into memory within `maxBytes` in all: a backup or a report is read
 * whole to check its checksums before anything of it is used.
 */
export async function readZip(file: string, maxBytes: number): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => {
      zip.close();
      reject(error);
    };
    zip.on('error', failed);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > maxBytes) return failed(new ZipTooLarge(`the file holds more than ${maxBytes} bytes`));
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return failed(error);
        const chunks: Buffer[] = [];
        const collect = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
        });
        pipeline(stream, collect).then(() => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        }, failed);
      });
    });
    zip.readEntry();
  });
}
