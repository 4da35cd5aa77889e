/**
 * The renderer's only way to the engine. Inside Electron the preload's `window.api` carries calls
 * over IPC; anywhere else (the headless shell in a browser) HTTP and a WebSocket do.
 */
import type { ClientApi, EventPayloads, WindowApi } from '../../../electron/core/contract/api.js';
import type { EventName } from '../../../electron/core/contract/methods.js';
import { createClient } from './client.js';
import type { Contact } from './contact.js';
import { createHttpTransport } from './http-transport.js';
import type { Transport } from './transport.js';
import { createWindowTransport } from './window-transport.js';

export { BridgeError } from './bridge-error.js';

function pickTransport(): Transport {
  const windowApi = typeof window === 'undefined' ? undefined : (window as { api?: WindowApi }).api;
  return windowApi ? createWindowTransport(windowApi) : createHttpTransport();
}

const transport = pickTransport();

/** True in the desktop app, where the engine can open the OS's file dialogs; false in a browser. */
export const inDesktopApp = typeof window !== 'undefined' && !!(window as { api?: WindowApi }).api;

export const api: ClientApi = createClient(transport);

/** Listens to an engine push; returns the function that stops listening. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  return transport.on(event, listener);
}

/** Listens to the tab losing or regaining the app (only a headless tab can); returns the function that stops listening. */
export function onContact(listener: (contact: Contact) => void): () => void {
  return transport.onContact(listener);
}
