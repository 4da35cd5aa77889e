import type { WindowApi } from '../core/contract/api.js';
import { EVENTS, IPC_EVENT_PREFIX, IPC_PREFIX, METHODS, type EventName } from '../core/contract/methods.js';

/** The part of Electron's `ipcRenderer` the preload uses (a fake stands in for it in unit tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

/**
 * `window.api`, built from the contract's lists: one function per method answering with the
 * result envelope, and `on(event, listener)` that hands the listener the payload only (never the
 * IPC event, which would reach `sender` and with it the whole ipcRenderer).
 */
export function buildWindowApi(ipc: IpcRendererLike): WindowApi {
  const api: Record<string, unknown> = {};
  for (const method of METHODS) {
    api[method] = (args?: unknown) => ipc.invoke(IPC_PREFIX + method, args);
  }
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new Error(`There is no event ${String(event).slice(0, 60)}.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const channel = IPC_EVENT_PREFIX + event;
    const relay = (_event: unknown, payload: unknown) => {
      listener(payload);
    };
    ipc.on(channel, relay);
    return () => {
      ipc.removeListener(channel, relay);
    };
  };
  return Object.freeze(api) as WindowApi;
}
