/** Which fixed-size pages hold rows `first..last` (inclusive), clipped to the table's length. */
export function pagesForRange(first: number, last: number, pageSize: number, total: number): number[] {
  if (total <= 0 || last < first) return [];
  const from = Math.max(0, Math.floor(first / pageSize));
  const to = Math.min(Math.floor((total - 1) / pageSize), Math.floor(Math.max(0, last) / pageSize));
  const pages: number[] = [];
  for (let page = from; page <= to; page += 1) pages.push(page);
  return pages;
}

/** The rows a scrolled list shows, from its scroll metrics, widened by `margin` rows each way. */
export function visibleRange(
  scroll: { top: number; height: number; viewport: number },
  total: number,
  margin: number,
): { first: number; last: number } {
  if (total <= 0 || scroll.height <= 0) return { first: 0, last: Math.max(0, margin) };
  const rowHeight = scroll.height / total;
  const first = Math.floor(scroll.top / rowHeight);
  const last = Math.ceil((scroll.top + scroll.viewport) / rowHeight);
  return { first: Math.max(0, first - margin), last: Math.min(total - 1, last + margin) };
}
