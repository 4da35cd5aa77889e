/** Which fixed-size pages hold rows `first..last` (inclusive), clipped to the table's length. */
export function pagesForRange(first: number, last: number, pageSize: number, total: number): number[] {
  if (total <= 0 || last < first) return [];
  const from = Math.max(0, Math.floor(first / pageSize));
  const to = Math.min(Math.floor((total - 1) / pageSize), Math.floor(Math.max(0, last) / pageSize));
  const pages: number[] = [];
  for (let page = from; page <= to; page += 1) pages.push(page);
  return pages;
}
