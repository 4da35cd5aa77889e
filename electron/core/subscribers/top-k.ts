/**
 * The `k` smallest by `compare`, in order, without sorting everything (the first pages of 100k).
 * A max-heap of the best `k` so far: most items lose to its top in one comparison, and a winner
 * costs log k, whatever order the items come in (a splice into a sorted array cost k for each
 * winner, which is every item when the wanted order is the reverse of the stored one).
 */
export function smallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k >= items.length / 4) return items.slice().sort(compare).slice(0, k);
  const heap: T[] = [];
  const worse = (i: number, j: number): boolean => compare(heap[i], heap[j]) > 0;
  const swap = (i: number, j: number): void => {
    const t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  };
  const down = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(l, top)) top = l;
      if (r < heap.length && worse(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (compare(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}

/**
 * The same for an order led by a number (a date): the `k`-th smallest key is found in linear time
 * on a typed array, and only the items up to it are sorted with `compare` (which breaks the ties).
 * Dates are the default order, and a heap pays log k for every item when they come in reverse.
 */
export function smallestByKey<T>(items: readonly T[], k: number, key: (item: T) => number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k >= items.length) return items.slice().sort(compare);
  const keys = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) keys[i] = key(items[i]);
  const limit = kthSmallest(keys.slice(), k - 1);
  const picked: T[] = [];
  for (let i = 0; i < items.length; i++) if (keys[i] <= limit) picked.push(items[i]);
  return picked.sort(compare).slice(0, k);
}

/** Hoare's quickselect: the value that would stand at index `n` were `values` sorted. Reorders `values`. */
export function kthSmallest(values: Float64Array, n: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else return values[n];
  }
  return values[n];
}
