import { Notification } from 'electron';
import type { DesktopNotification } from '../core/contract/host.js';

/** Shown notifications, held until closed or clicked: one left to the garbage collector loses its click. */
const shown = new Set<Notification>();

/** Shows one of the engine's notifications; a click calls `open` with the route of the screen that fixes it. */
export function showDesktopNotification(notification: DesktopNotification, open: (route: string) => void): void {
  const n = new Notification({ title: notification.title, body: notification.body });
  shown.add(n);
  n.on('click', () => {
    shown.delete(n);
    open(notification.route);
  });
  n.on('close', () => shown.delete(n));
  n.show();
}
