import type { HostCapabilities } from '../../../electron/core/contract/host.js';

export interface DesktopControls {
  startAtLogin: boolean;
  closeToTray: boolean;
  /** Neither switch can work here (the headless shell): say where they are instead. */
  desktopNote: boolean;
}

/** Which of Settings' desktop switches to show; none until the capabilities are known. */
export function desktopControls(capabilities: HostCapabilities | null): DesktopControls {
  if (!capabilities) return { startAtLogin: false, closeToTray: false, desktopNote: false };
  return {
    startAtLogin: capabilities.loginItem,
    closeToTray: capabilities.closeToTray,
    desktopNote: !capabilities.loginItem && !capabilities.closeToTray,
  };
}
