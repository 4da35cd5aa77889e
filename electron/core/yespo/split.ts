/**
 * What a refused token batch means and what to do next. Yespo takes a batch whole or not at all, and
 * its 400 does not say which item was bad, so a batch is halved until the bad item stands alone.
 */
export type Refusal =
  /** Yespo already has it: counts as success. */
  | 'duplicate'
  /** The app_uuid is wrong or not registered: nothing can be pushed until it is fixed. */
  | 'app-uuid'
  /** The batch is bigger than Yespo takes: halve it and remember the smaller size. */
  | 'too-large'
  /** Something in the batch is bad: halve it to find the item. */
  | 'bad-item';

export function classifyRefusal(status: number, text: string | undefined): Refusal {
  const said = text ?? '';
  if (status === 409 || /duplicated request/i.test(said)) return 'duplicate';
  if (status === 404 || /wrong app uuid|not registered application/i.test(said)) return 'app-uuid';
  if (status === 413 || /too many tokens|too large|entity too large|batch size|at most \d+/i.test(said)) return 'too-large';
  return 'bad-item';
}

export type SplitPlan<T> =
  | { action: 'split'; parts: [T[], T[]]; /** Set when the batch was too large: send at most this many from now on. */ maxBatch?: number }
  | { action: 'fail'; item: T };

/** A refused batch of two or more is halved; a single refused item has been isolated and fails. */
export function planRefusedBatch<T>(items: readonly T[], refusal: 'too-large' | 'bad-item'): SplitPlan<T> {
  if (items.length === 0) throw new Error('planRefusedBatch needs at least one item');
  if (items.length === 1) return { action: 'fail', item: items[0] };
  const middle = Math.ceil(items.length / 2);
  const parts: [T[], T[]] = [items.slice(0, middle), items.slice(middle)];
  return refusal === 'too-large' ? { action: 'split', parts, maxBatch: middle } : { action: 'split', parts };
}
