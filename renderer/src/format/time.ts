import type { Language } from '../../../electron/core/contract/types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEPS: Array<{ unit: Intl.RelativeTimeFormatUnit; ms: number; below: number }> = [
  { unit: 'minute', ms: MINUTE, below: HOUR },
  { unit: 'hour', ms: HOUR, below: DAY },
  { unit: 'day', ms: DAY, below: 7 * DAY },
  { unit: 'week', ms: 7 * DAY, below: 30 * DAY },
  { unit: 'month', ms: 30 * DAY, below: 365 * DAY },
  { unit: 'year', ms: 365 * DAY, below: Infinity },
];

/** "2 minutes ago", "in 3 hours", "yesterday"; anything within 45 seconds reads as "now". */
export function relativeTime(at: number, now: number, language: Language): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const diff = at - now;
  const size = Math.abs(diff);
  if (size < 45 * SECOND) return format.format(0, 'second');
  // Compare rounded amounts, so 59.6 minutes reads "1 hour ago" rather than "60 minutes ago".
  const step = STEPS.find((candidate) => Math.round(size / candidate.ms) * candidate.ms < candidate.below) ?? STEPS[STEPS.length - 1];
  const amount = Math.max(1, Math.round(size / step.ms));
  return format.format(diff < 0 ? -amount : amount, step.unit);
}

/** The exact moment, for the hover text next to a relative time. */
export function exactTime(at: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** The time of day, "14:05", for a moment within the next hours. */
export function clockTime(at: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** A calendar day "2025-11-30" as a short label ("30 Nov"), read as a local date. */
export function shortDay(day: string, language: Language): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(new Date(year, month - 1, date));
}
