import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Status } from '../../../electron/core/contract/types.js';
import { contactProblem, type Contact } from '../bridge/contact.js';
import { api, onContact, onEvent } from '../bridge/index.js';

// While the engine doesn't answer (the headless shell restarting), ask again this often.
const RETRY_MS = 5000;

/** The engine's live status: fetched once, then kept current by the `status` event. */
export const useStatusStore = defineStore('status', () => {
  const status = shallowRef<Status | null>(null);
  /** The engine did not answer the last time we asked. */
  const unreachable = ref(false);
  const contact = ref<Contact>('connected');
  /** Set while the screens must not show the last status as current: contact lost, or "open the new link". */
  const lost = computed(() => contactProblem(contact.value, unreachable.value));
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
      onContact((next) => (contact.value = next));
      first = fetchStatus();
    }
    return first;
  }

  return { status, unreachable, lost, start, apply, refresh: fetchStatus };
});
