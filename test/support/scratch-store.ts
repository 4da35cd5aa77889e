import { afterEach } from 'vitest';
import { Store } from '../../electron/core/store/store.js';
import { tempDir } from './temp-dir.js';

/**
 * For a test file: a function that opens a store in a fresh folder; every store it opened is
 * closed and its folder removed after each test.
 */
export function scratchStores(): () => Promise<Store> {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = await Store.open(t.dir);
    cleanups.push(() => store.close());
    return store;
  };
}
