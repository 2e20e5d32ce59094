/**
 * Dates as people read them, one way for every surface (text, tables, Slack, chart titles and notes): a month
 * bucket is "Apr 2022" (never 2022-04-01), a week "week of 28 Mar 2022", a day "31 Mar 2022".
 */
export type DateGrain = 'day' | 'week' | 'month';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortMonth(monthIndex0: number): string {
  return SHORT_MONTHS[monthIndex0] ?? '';
}

/** "2022-04-01" → "Apr 2022". */
export function formatMonth(iso: string): string {
  return `${shortMonth(Number(iso.slice(5, 7)) - 1)} ${iso.slice(0, 4)}`;
}

/** "2022-03-31" → "31 Mar 2022"; with `year: false` → "31 Mar". */
export function formatDay(iso: string, options: { year?: boolean } = {}): string {
  const day = `${Number(iso.slice(8, 10))} ${shortMonth(Number(iso.slice(5, 7)) - 1)}`;
  return options.year === false ? day : `${day} ${iso.slice(0, 4)}`;
}

/** A bucket's start date at its grain: month → "Apr 2022", week → "week of 28 Mar 2022", day → "31 Mar 2022". */
export function formatBucket(iso: string, grain: string | undefined): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso;
  if (grain === 'month') return formatMonth(iso);
  if (grain === 'week') return `week of ${formatDay(iso)}`;
  return formatDay(iso);
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 29 → "29th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const last = n % 10;
  return `${n}${last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`;
}

/** "1 day", "29 days". */
export function dayCount(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** An inclusive span of days: "29 May 2022", "1–29 May 2022", "28 Mar–3 Apr 2022", "31 Dec 2021–5 Jan 2022". */
export function formatDaySpan(from: string, to: string): string {
  if (from === to) return formatDay(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${formatDay(to)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDay(from, { year: false })}–${formatDay(to)}`;
  return `${formatDay(from)}–${formatDay(to)}`;
}
