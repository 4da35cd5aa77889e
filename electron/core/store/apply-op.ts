import { asStored } from './as-stored.js';
import type { JournalOp } from './journal.js';
import type { Collections } from './snapshot.js';

export type ListBound = (collection: string, list: readonly unknown[]) => readonly unknown[];

/** What is written is what is held: the op's values as the journal will give them back after a restart. */
export function storeAsWritten(op: JournalOp): void {
  if (op.v !== undefined && op.v !== null) op.v = asStored(op.v);
  if (op.a !== undefined) op.a = asStored(op.a);
  if (op.m !== undefined) op.m = asStored(op.m);
}

/** One journal op on the collections in memory: at commit, and again when a journal is replayed. */
export function applyOp(data: Collections, op: JournalOp, boundList?: ListBound): void {
  let map = data.get(op.c);
  if (!map) {
    map = new Map();
    data.set(op.c, map);
  }
  if (op.a !== undefined) {
    // A new array, never a push: a snapshot being written may still hold the old one.
    const list = map.get(op.k);
    const longer = Array.isArray(list) ? [...list, op.a] : [op.a];
    map.set(op.k, boundList ? boundList(op.c, longer) : longer);
  } else if (op.m !== undefined) {
    const current = map.get(op.k);
    if (current !== undefined) map.set(op.k, { ...(current as object), ...op.m });
  } else if (op.v === null || op.v === undefined) {
    map.delete(op.k);
  } else {
    map.set(op.k, op.v);
  }
}
