import type { EventPayloads } from '../../../electron/core/contract/api.js';
import type { EventName, MethodName } from '../../../electron/core/contract/methods.js';
import type { Result } from '../../../electron/core/contract/types.js';
import type { Contact } from './contact.js';

/** How calls and events travel: Electron's preload or the headless shell's HTTP + WebSocket. */
export interface Transport {
  call(method: MethodName, args: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** Hears when the tab loses or regains the app; returns the function that stops listening. */
  onContact(listener: (contact: Contact) => void): () => void;
}
