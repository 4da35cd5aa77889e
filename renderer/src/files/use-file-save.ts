import { computed, onUnmounted, ref } from 'vue';
import type { SaveResult } from '../../../electron/core/contract/saving.js';
import { onEvent } from '../bridge/index.js';
import { saveBlob } from './save-blob.js';
import { receiveFile, type Received } from './save-result.js';

/**
 * One file the engine writes at a time, with its progress: from the engine's `saving` events while
 * the desktop writes it, from the rows read while the browser downloads it.
 */
export function useFileSave() {
  const busy = ref(false);
  const done = ref(0);
  const total = ref(0);
  const percent = computed(() => (total.value > 0 ? Math.min(100, Math.floor((done.value / total.value) * 100)) : 0));

  // Only one save runs from here at a time, so whatever the engine is saving meanwhile is this one.
  const stop = onEvent('saving', (progress) => {
    if (!busy.value) return;
    done.value = progress.done;
    total.value = progress.total;
  });
  onUnmounted(stop);

  async function save(start: () => Promise<SaveResult>): Promise<Received & { count: number }> {
    busy.value = true;
    done.value = 0;
    total.value = 0;
    try {
      const result = await start();
      const received = await receiveFile(result, {
        fetch: (url, init) => fetch(url, init),
        saveBlob,
        onProgress: (rows, of) => {
          done.value = rows;
          total.value = of;
        },
      });
      return { ...received, count: received.kind === 'downloaded' ? received.rows : total.value };
    } finally {
      busy.value = false;
    }
  }

  return { busy, done, total, percent, save };
}
