import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the shell remembers for itself, next to (not inside) the engine's store. */
export interface ShellState {
  closeNoticeShown: boolean;
}

const EMPTY: ShellState = { closeNoticeShown: false };

export function shellStateFile(dataDir: string): string {
  return path.join(dataDir, 'shell-state.json');
}

/** A missing or unreadable file means nothing was remembered: at worst the notice shows once more. */
export async function loadShellState(file: string): Promise<ShellState> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'closeNoticeShown' in parsed) {
      return { closeNoticeShown: parsed.closeNoticeShown === true };
    }
  } catch {
    // Falls through to the empty state.
  }
  return { ...EMPTY };
}

export async function saveShellState(file: string, state: ShellState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(state), { encoding: 'utf8', mode: 0o600 });
  await rename(temporary, file);
}
