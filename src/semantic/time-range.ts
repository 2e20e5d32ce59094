import type { TimeRange } from './plan.js';

/** Date arithmetic on YYYY-MM-DD strings in UTC (the data has dates, not instants). */
export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

export function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000) + 1;
}

export function startOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function endOfMonth(iso: string): string {
  const d = toDate(startOfMonth(iso));
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return toIso(d);
}

export function addMonths(iso: string, months: number): string {
  const d = toDate(startOfMonth(iso));
  d.setUTCMonth(d.getUTCMonth() + months);
  return toIso(d);
}

/** Monday of the ISO week containing the date (DuckDB's date_trunc('week') agrees). */
export function startOfWeek(iso: string): string {
  const d = toDate(iso);
  const dow = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -dow);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthName(monthIndex0: number): string {
  return MONTHS[monthIndex0] ?? '';
}

/** "June 2022" */
export function monthLabel(iso: string): string {
  return `${monthName(Number(iso.slice(5, 7)) - 1)} ${iso.slice(0, 4)}`;
}

/** Whole calendar months: from is a 1st, to is a month end. Returns the number of months, or 0. */
export function wholeMonths(range: { from: string; to: string }): number {
  if (range.from !== startOfMonth(range.from) || range.to !== endOfMonth(range.to)) return 0;
  const months =
    (Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4))) * 12 +
    (Number(range.to.slice(5, 7)) - Number(range.from.slice(5, 7))) +
    1;
  return months > 0 ? months : 0;
}

/**
 * The period before a range: the previous N calendar months for whole months ("June" → "May"), otherwise the
 * same number of days immediately before.
 */
export function previousPeriod(range: { from: string; to: string }): TimeRange {
  const months = wholeMonths(range);
  if (months > 0) {
    const from = addMonths(range.from, -months);
    const to = endOfMonth(addMonths(range.from, -1));
    const label =
      months === 1 ? monthLabel(from) : `${monthLabel(from)} – ${monthLabel(to)} (${from} to ${to})`;
    return { from, to, label };
  }
  const days = daysBetweenInclusive(range.from, range.to);
  const to = addDays(range.from, -1);
  const from = addDays(to, -(days - 1));
  return { from, to, label: `the previous ${days} days (${from} to ${to})` };
}

/** The same day `months` months on, clamped to that month's end (31 May, one month back, is 30 April). */
export function addMonthsKeepDay(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
