import type { RestoreFile, Result } from '../../../electron/core/contract/types.js';
import { BridgeError } from '../bridge/index.js';

/** The headless shell's way to hand it a backup: the file goes to `POST /upload`, and the id that comes back to `restoreBackup`. */
export async function uploadBackup(file: File): Promise<RestoreFile> {
  const response = await fetch('/upload', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/zip', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as Result<RestoreFile> | null;
  if (body?.ok) return body.value;
  throw new BridgeError(body?.ok === false ? body.error : { code: 'internal', message: `The upload answered with HTTP ${response.status}.` });
}
