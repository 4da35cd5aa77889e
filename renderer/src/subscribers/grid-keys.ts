/**
 * The row that keyboard focus moves to in a table of `total` rows when `key` is pressed on row
 * `current`, with `pageRows` rows on screen; null when the key does not move focus.
 */
export function nextRowIndex(key: string, current: number, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const page = Math.max(1, Math.floor(pageRows));
  const from = Math.min(Math.max(0, current), total - 1);
  const moved: Record<string, number> = {
    ArrowDown: from + 1,
    ArrowUp: from - 1,
    PageDown: from + page,
    PageUp: from - page,
    Home: 0,
    End: total - 1,
  };
  if (!(key in moved)) return null;
  return Math.min(Math.max(0, moved[key]), total - 1);
}
