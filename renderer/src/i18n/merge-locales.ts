/** A locale file's default export: one area's messages (nested objects of strings). */
export interface LocaleMessages {
  [key: string]: string | LocaleMessages;
}

/**
 * Turns `{ './locales/en/home.ts': { default: {...} } }` into `{ en: { home: {...} } }`, so each file
 * is a namespace named after it and a new file needs no edit anywhere else.
 */
export function mergeLocaleModules(modules: Record<string, { default: LocaleMessages }>): Record<string, LocaleMessages> {
  const merged: Record<string, LocaleMessages> = {};
  for (const [path, module] of Object.entries(modules)) {
    const match = /\/([^/]+)\/([^/]+)\.ts$/.exec(path);
    if (!match) throw new Error(`Not a locale file path: ${path}`);
    const [, locale, namespace] = match;
    merged[locale] ??= {};
    merged[locale][namespace] = module.default;
  }
  return merged;
}
