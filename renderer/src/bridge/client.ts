import type { ClientApi } from '../../../electron/core/contract/api.js';
import { METHODS } from '../../../electron/core/contract/methods.js';
import { BridgeError } from './bridge-error.js';
import type { Transport } from './transport.js';

/** The API as screens call it, one function per contract method: the value, or a thrown BridgeError. */
export function createClient(transport: Transport): ClientApi {
  const entries = METHODS.map((method) => [
    method,
    async (args?: unknown) => {
      const result = await transport.call(method, args);
      if (!result.ok) throw new BridgeError(result.error);
      return result.value;
    },
  ]);
  return Object.fromEntries(entries) as ClientApi;
}
