import type { ZipEntry } from '../files/zip-file.js';
import { secretForms } from '../redact.js';

/**
 * The first entry that still holds a secret in any form redaction knows (as is, URL-encoded,
 * base64, a bot token's secret half), or null. The last guard before a report leaves the app.
 */
export function entryWithSecret(entries: readonly ZipEntry[], secrets: readonly string[]): string | null {
  const forms = secrets.flatMap((secret) => secretForms(secret)).map((form) => Buffer.from(form, 'utf8'));
  if (forms.length === 0) return null;
  for (const entry of entries) {
    if (forms.some((form) => entry.data.includes(form))) return entry.name;
  }
  return null;
}
