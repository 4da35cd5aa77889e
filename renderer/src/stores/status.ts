import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Status } from '../../../electron/core/contract/types.js';
import { api, onEvent } from '../bridge/index.js';

// While the engine doesn't answer (the headless shell restarting), ask again this often.
const RETRY_MS = 5000;

/** The engine's live status: fetched once, then kept current by the `status` event. */
export const useStatusStore = defineStore('status', () => {
  const status = shallowRef<Status | null>(null);
  /** The engine did not answer the last time we asked. */
  const unreachable = ref(false);
  let first: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function apply(next: Status): void {
    status.value = next;
    unreachable.value = false;
  }

  async function fetchStatus(): Promise<void> {
    clearTimeout(retry);
    try {
      apply(await api.getStatus());
    } catch {
      unreachable.value = true;
      retry = setTimeout(() => void fetchStatus(), RETRY_MS);
    }
  }

  /** Starts listening; resolves once the first answer (or failure) is in. */
  function start(): Promise<void> {
    if (!first) {
      onEvent('status', apply);
      first = fetchStatus();
    }
    return first;
  }

  return { status, unreachable, start, apply, refresh: fetchStatus };
});
