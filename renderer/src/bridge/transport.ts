import type { EventPayloads } from '../../../electron/core/contract/api.js';
import type { EventName, MethodName } from '../../../electron/core/contract/methods.js';
import type { Result } from '../../../electron/core/contract/types.js';

/** How calls and events travel: Electron's preload or the headless shell's HTTP + WebSocket. */
export interface Transport {
  call(method: MethodName, args: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
