import { apiRootProblem } from '../contract/api-root.js';
import { ApiFailure } from '../contract/errors.js';
import type { Host } from '../contract/host.js';
import type { Settings, SettingsPatch } from '../contract/types.js';
import { bindingsToKeep } from '../secrets/root-binding.js';
import type { SetupRecord } from '../setup/checks.js';
import { COLLECTIONS, META } from '../store/schema.js';
import type { Store, Tx } from '../store/store.js';
import { applyPatch, withDefaults } from './settings.js';

/** API roots and the app_uuid given by the machine's operator (the headless command line, tests). */
export interface EngineOverrides {
  telegramApiRoot?: string;
  yespoApiRoot?: string;
  appUuid?: string;
}

export interface SettingsDeps {
  store: Store;
  overrides: EngineOverrides;
  /** The shell around the engine, which carries out the switches only it can (start at login). */
  host: Host | null;
  commit(tx: Tx): Promise<void>;
  /** For the root bindings a root change must not move (see root-binding.ts). */
  setupRecord(): SetupRecord;
  /** After every saved change, with what changed. */
  onChange(patch: SettingsPatch, settings: Settings): void;
}

export class SettingsService {
  constructor(private readonly deps: SettingsDeps) {}

  /** As saved, over the defaults. */
  stored(): Settings {
    return withDefaults(this.deps.store.get<Partial<Settings>>(COLLECTIONS.meta, META.settings));
  }

  /** As in force: the operator's overrides win over the saved roots. */
  current(): Settings {
    const s = this.stored();
    const o = this.deps.overrides;
    return { ...s, telegramApiRoot: o.telegramApiRoot ?? s.telegramApiRoot, yespoApiRoot: o.yespoApiRoot ?? s.yespoApiRoot };
  }

  paused(): boolean {
    return this.deps.store.get<boolean>(COLLECTIONS.meta, META.paused) === true;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    for (const root of [patch.telegramApiRoot, patch.yespoApiRoot]) {
      const problem = root === undefined ? null : apiRootProblem(root);
      if (problem) throw new ApiFailure('invalid_argument', problem);
    }
    const capabilities = this.deps.host?.capabilities;
    if ((patch.startAtLogin !== undefined && !capabilities?.loginItem) || (patch.closeToTray !== undefined && !capabilities?.closeToTray)) {
      throw new ApiFailure('not_available', 'This switch belongs to the desktop app; this one runs without a desktop.');
    }
    if (patch.startAtLogin !== undefined && patch.startAtLogin !== this.deps.host!.loginItemEnabled()) await this.deps.host!.setLoginItem(patch.startAtLogin);
    await this.save(patch);
    return this.current();
  }

  /** The OS is the truth about the login item (the user may change it there): the setting follows it. */
  async followLoginItem(): Promise<void> {
    const host = this.deps.host;
    if (!host?.capabilities.loginItem) return;
    const enabled = host.loginItemEnabled();
    if (this.stored().startAtLogin !== enabled) await this.save({ startAtLogin: enabled });
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.deps.commit(this.deps.store.tx().put(COLLECTIONS.meta, META.paused, paused));
  }

  private async save(patch: SettingsPatch): Promise<void> {
    const stored = this.stored();
    const tx = this.deps.store.tx().put(COLLECTIONS.meta, META.settings, applyPatch(stored, patch));
    const record = this.deps.setupRecord();
    const keep = bindingsToKeep(record, stored, patch);
    if (Object.keys(keep).length) tx.put(COLLECTIONS.meta, META.setup, { ...record, ...keep });
    await this.deps.commit(tx);
    this.deps.onChange(patch, this.current());
  }
}
