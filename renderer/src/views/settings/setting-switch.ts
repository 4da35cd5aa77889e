import type { Settings, SettingsPatch } from '../../../../electron/core/contract/types.js';

/** The settings an on/off switch stands for. */
export type SwitchSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/** The id of the switch's label, which the switch names as its accessible label: `askPhone` → `ask-phone-label`. */
export function switchLabelId(setting: SwitchSetting): string {
  return `${setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}-label`;
}

export function switchPatch(setting: SwitchSetting, value: boolean): SettingsPatch {
  const patch: SettingsPatch = {};
  patch[setting] = value;
  return patch;
}
