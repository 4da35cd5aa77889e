import type { SaveResult } from '../../../electron/core/contract/saving.js';

/**
 * What the owner sees once a file is saved: the path on the desktop, the browser's download in the
 * headless shell. A stand-in for the shared SaveResult handling (progress, retry), which replaces it.
 */
export function finishSave(result: SaveResult, saved: (path: string) => void): void {
  if (result.kind === 'saved') saved(result.path);
  else if (result.kind === 'download') window.location.assign(result.url);
}
