/**
 * Files the engine writes for the owner (the subscriber export, diagnostics, backups). In the
 * desktop app the host asks where to save and the engine writes there; in the headless shell the
 * browser downloads the file from a one-time address, streamed as it is written.
 */
export type SaveResult =
  | { kind: 'saved'; path: string }
  | { kind: 'download'; url: string; fileName: string; /** The units the file holds (rows), when known: for the UI's progress. */ total?: number }
  | { kind: 'cancelled' };

/** How far a file being written has got; sent as the `saving` event. */
export interface SaveProgress {
  id: string;
  done: number;
  total: number;
  finished: boolean;
  error?: string;
}
