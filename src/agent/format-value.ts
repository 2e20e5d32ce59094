import { formatIndianNumber, formatInr, formatInrCompact, formatPercent } from '../format/money.js';
import { BLANK } from '../format/blank.js';
import { formatChangeIn } from '../format/change.js';
import { formatBucket, type DateGrain } from '../format/dates.js';
import { monthName, wholeMonths } from '../semantic/time-range.js';
import type { Cell } from '../warehouse/types.js';
import type { ColumnFormat } from './columns.js';

/** The one label of a blank cell (NULL, an empty string) on every surface: text, tables, Slack, charts. */
export const BLANK_LABEL = BLANK;

/**
 * Display text for one cell, by the column's format. Money always goes through src/format/money.ts, dates through
 * src/format/dates.ts at the column's grain ("Apr 2022"), changes through formatChange.
 */
export function formatCell(
  value: Cell,
  format: ColumnFormat,
  options: { exact?: boolean; grain?: DateGrain | undefined } = {},
): string {
  if (value === null || value === undefined || value === '') return BLANK_LABEL;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return format === 'date' ? formatBucket(value, options.grain) : value;
  switch (format) {
    case 'inr':
      return options.exact ? formatInr(value) : formatInrCompact(value);
    case 'count':
      return formatIndianNumber(value, Number.isInteger(value) ? 0 : 1);
    case 'percent':
      return formatPercent(value);
    case 'change':
    case 'points':
      return formatChange(value, format) ?? BLANK_LABEL;
    case 'number':
      return formatIndianNumber(value, Number.isInteger(value) ? 0 : 2);
    default:
      return String(value);
  }
}

/**
 * A change as text (src/format/change.ts decides how): `unit` is the change column's format ('change' relative,
 * 'points' a difference of ratios), or a metric's own format ('percent' → points, anything else → relative).
 */
export function formatChange(
  value: number | null | undefined,
  unit: ColumnFormat = 'change',
): string | undefined {
  return formatChangeIn(value, unit === 'points' || unit === 'percent' ? 'points' : 'change');
}

export { changeBetween } from '../format/change.js';

/** A date cell as a person reads it at a grain: month → "Apr 2022", week → "week of 2 May 2022". */
export function formatDateAtGrain(iso: string, grain: string | undefined): string {
  return formatBucket(iso, grain);
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An inclusive date range as a person writes it, compactly: "29 Jun 2022", "23–29 Jun 2022", "31 Mar–29 Jun 2022",
 * "31 Dec 2021–5 Jan 2022". Whole months read as months: "May 2022", "April–June 2022", "June 2021–May 2022",
 * and a whole calendar year as "2022"; `shortMonths` abbreviates those month names too ("Jun 2022 vs May 2022").
 */
export function formatDayRange(from: string, to: string, options: { shortMonths?: boolean } = {}): string {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const months = wholeMonths({ from, to });
  if (months > 0) {
    const name = (m: number) => (options.shortMonths ? short(m) : monthName(m));
    if (months === 12 && fm === 0) return String(fy);
    if (months === 1) return `${name(fm)} ${fy}`;
    if (fy === ty) return `${name(fm)}–${name(tm)} ${fy}`;
    return `${name(fm)} ${fy}–${name(tm)} ${ty}`;
  }
  const day = (d: number, m: number) => `${d} ${short(m)}`;
  if (from === to) return `${day(fd, fm)} ${fy}`;
  if (fy === ty && fm === tm) return `${fd}–${td} ${short(tm)} ${ty}`;
  if (fy === ty) return `${day(fd, fm)}–${day(td, tm)} ${ty}`;
  return `${day(fd, fm)} ${fy}–${day(td, tm)} ${ty}`;
}

function short(monthIndex0: number): string {
  return SHORT_MONTHS[monthIndex0] ?? '';
}

/** YYYY-MM-DD → [year, month index 0–11, day]. */
function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))];
}
