import { randomUUID } from 'node:crypto';
import type { Host } from '../contract/host.js';
import { ApiFailure } from '../contract/errors.js';
import type { SaveProgress } from '../contract/saving.js';
import { ChosenPathSaver, fileProblem } from './chosen-path-saver.js';
import type { FileSaver } from './save-job.js';
import { reportingProgress } from './save-progress.js';

/**
 * Where every file for the owner (export, diagnostics, backup) goes: the shell's own saver (the
 * headless downloads), else the host's save dialog; each reports how far it has got. A shell with
 * neither refuses with `not_available`.
 */
export function ownerFileSaver(shellSaver: FileSaver | undefined, host: Host | null, emit: (progress: SaveProgress) => void): FileSaver {
  const saver = shellSaver ?? (host?.capabilities.saveDialog ? new ChosenPathSaver((name) => host.chooseSaveFile(name)) : null);
  return {
    save: async (job) => {
      if (!saver) throw new ApiFailure('not_available', 'This app cannot save files here: it has neither a save dialog nor downloads.');
      return saver.save(reportingProgress(job, randomUUID(), emit, fileProblem));
    },
  };
}
