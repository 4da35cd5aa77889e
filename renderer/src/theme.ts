import type { GlobalThemeOverrides } from 'naive-ui';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif';

/** The one accent colour, a calm teal, in a light and a dark variant (enough contrast on each). */
export const ACCENT = { light: '#1c7a86', dark: '#4db6c4' } as const;

/**
 * The keyboard focus ring: the accent, which stands out at least 3:1 against the page, the cards and
 * the sidebar's highlighted row in its theme.
 */
export function focusRingColor(dark: boolean): string {
  return dark ? ACCENT.dark : ACCENT.light;
}

export function themeOverrides(dark: boolean): GlobalThemeOverrides {
  const accent = dark
    ? { primaryColor: ACCENT.dark, primaryColorHover: '#6cc6d2', primaryColorPressed: '#3a9aa7', primaryColorSuppl: '#6cc6d2' }
    : { primaryColor: ACCENT.light, primaryColorHover: '#23919f', primaryColorPressed: '#16626c', primaryColorSuppl: '#23919f' };
  return {
    common: { ...accent, fontFamily: FONT, fontSize: '15px', fontSizeMedium: '15px', borderRadius: '6px' },
  };
}
