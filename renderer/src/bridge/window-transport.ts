import type { WindowApi } from '../../../electron/core/contract/api.js';
import type { Transport } from './transport.js';

/** The Electron preload's `window.api`, which already answers with result envelopes. */
export function createWindowTransport(windowApi: WindowApi): Transport {
  return {
    call: (method, args) => windowApi[method](args),
    on: (event, listener) => windowApi.on(event, listener),
    // The window and its engine live and end together: contact is never lost.
    onContact: () => () => undefined,
  };
}
