import { sameApiRoot } from '../contract/api-root.js';
import type { Settings, SettingsPatch } from '../contract/types.js';

/**
 * Each secret is bound to the API root it was checked against, so whoever can change the settings
 * cannot have it sent somewhere else: a changed root gets the secret only once it is entered again.
 */
export interface RootBinding {
  /** Given by the machine's operator (the headless command line): the secrets are theirs too. */
  override?: string;
  /** Recorded in the setup record when the secret was checked. */
  recorded?: string;
  /** The root in the stored settings. */
  stored: string;
}

/** Where the secret may go. Data from before roots were recorded counts as checked against the stored root. */
export function boundRoot(b: RootBinding): string {
  return b.override ?? b.recorded ?? b.stored;
}

export function secretUsableAt(root: string, b: RootBinding): boolean {
  return sameApiRoot(root, boundRoot(b));
}

/** The setup record's fields naming the root each secret was checked against. */
export interface RecordedRoots {
  botTokenRoot?: string;
  yespoKeyRoot?: string;
}

/**
 * What to record before a settings change moves a root: a secret without a recorded root counts as
 * checked against the stored one, and that must not move along with the change.
 */
export function bindingsToKeep(recorded: RecordedRoots, stored: Pick<Settings, 'telegramApiRoot' | 'yespoApiRoot'>, patch: SettingsPatch): RecordedRoots {
  const keep: RecordedRoots = {};
  if (patch.telegramApiRoot !== undefined && !recorded.botTokenRoot && !sameApiRoot(patch.telegramApiRoot, stored.telegramApiRoot)) {
    keep.botTokenRoot = stored.telegramApiRoot;
  }
  if (patch.yespoApiRoot !== undefined && !recorded.yespoKeyRoot && !sameApiRoot(patch.yespoApiRoot, stored.yespoApiRoot)) {
    keep.yespoKeyRoot = stored.yespoApiRoot;
  }
  return keep;
}
