import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { NO_HOST_CAPABILITIES, type HostCapabilities } from '../../../electron/core/contract/host.js';
import { api } from '../bridge/index.js';

/** What the program around the engine can do here (the desktop app, or none in a browser); it never changes while the page lives. */
export const useHostStore = defineStore('host', () => {
  const capabilities = shallowRef<HostCapabilities | null>(null);
  let asking: Promise<void> | undefined;

  /** Asks once; an engine that does not answer counts as no desktop, and is asked again next time. */
  function load(): Promise<void> {
    asking ??= api.getHostCapabilities().then(
      (answer) => {
        capabilities.value = answer;
      },
      () => {
        capabilities.value = NO_HOST_CAPABILITIES;
        asking = undefined;
      },
    );
    return asking;
  }

  return { capabilities, load };
});
