import type { Status } from '../core/contract/types.js';

export const TRAY_STATES = ['ok', 'warning', 'error', 'paused'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** The tray icon for a status: paused wins, then the most severe notice. */
export function trayState(status: Pick<Status, 'paused' | 'notices'>): TrayState {
  if (status.paused) return 'paused';
  if (status.notices.some((n) => n.severity === 'error')) return 'error';
  if (status.notices.some((n) => n.severity === 'warning')) return 'warning';
  return 'ok';
}
