const BUCKET_MS = 15 * 60_000;
const two = (n: number): string => String(n).padStart(2, '0');

/** A zone's offset from UTC at `at`, in milliseconds. */
function zoneOffset(format: Intl.DateTimeFormat, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * Local date and time as spreadsheets read them ("2025-11-30 22:50") in `timeZone`, or this
 * computer's zone when none is given. The offset is looked up once per quarter hour of UTC (zones
 * change offset only at such moments), because Intl's formatting is far too slow for 200,000 cells.
 */
export function spreadsheetTime(timeZone?: string): (at: number | undefined) => string {
  const format = timeZone
    ? new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    : null;
  const offsets = new Map<number, number>();
  const offsetAt = (at: number): number => {
    if (!format) return -new Date(at).getTimezoneOffset() * 60_000;
    const bucket = Math.floor(at / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) offsets.set(bucket, (offset = zoneOffset(format, bucket * BUCKET_MS)));
    return offset;
  };
  return (at) => {
    if (at === undefined) return '';
    const d = new Date(at + offsetAt(at));
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  };
}
