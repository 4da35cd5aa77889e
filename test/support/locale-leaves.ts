import type { LocaleMessages } from '../../renderer/src/i18n/merge-locales.js';

/** Every text of a locale tree by its dotted key, as `t()` looks it up. */
export function leaves(tree: LocaleMessages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}
