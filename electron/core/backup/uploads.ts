import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** A file to restore from is named by an id, so no call names a path on this computer. */
const UPLOAD_ID = /^[a-f0-9]{32}$/;

export function newUploadId(): string {
  return randomBytes(16).toString('hex');
}

/** Where the headless shell puts an uploaded backup: inside the data folder, readable by the owner only. */
export function uploadPath(dataDir: string, id: string): string | null {
  return UPLOAD_ID.test(id) ? path.join(dataDir, 'uploads', `${id}.upload`) : null;
}

/** Files the owner picked in the desktop's open dialog, by id, for this run of the app. */
export class ChosenFiles {
  private readonly files = new Map<string, string>();

  add(file: string): string {
    const id = newUploadId();
    this.files.set(id, file);
    return id;
  }

  /** The picked file, or else the uploaded one, or null for an unknown id. */
  resolve(dataDir: string, id: string): { file: string; uploaded: boolean } | null {
    const chosen = this.files.get(id);
    if (chosen) return { file: chosen, uploaded: false };
    const uploaded = uploadPath(dataDir, id);
    return uploaded ? { file: uploaded, uploaded: true } : null;
  }
}
