import { redact } from './redact.js';

/** The longest error text kept anywhere: a remote body may be a 10 kB page, or echo what we sent. */
export const MAX_ERROR_TEXT = 300;

/**
 * An error text as it may be stored, logged or shown: on one line, redacted, then cut. Redacting first
 * matters: a cut through a secret would leave a part that no longer matches it.
 */
export function errorText(text: string): string {
  const flat = redact(text.replace(/\s+/g, ' ').trim());
  return flat.length > MAX_ERROR_TEXT ? `${flat.slice(0, MAX_ERROR_TEXT - 1)}…` : flat;
}
