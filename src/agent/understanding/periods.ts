import { formatDaySpan } from '../../format/dates.js';
import type { TimeRange } from '../../semantic/plan.js';
import {
  addDays,
  addMonths,
  endOfMonth,
  monthLabel,
  startOfMonth,
  addMonthsKeepDay,
  startOfWeek,
} from '../../semantic/time-range.js';

/**
 * Period maths: a time phrase, once recognised (dates.ts), becomes a TimeSpec; it is resolved here against the
 * source's latest date, so "last month" in data ending 2022-06-29 is May 2022 whatever today is, and a month named
 * without a year is the latest such month in the data, never a year chrono guesses from a day number.
 */
export type TimeSpec =
  | { kind: 'month'; month: number; year?: number }
  | { kind: 'quarter'; quarter: number; year?: number }
  | { kind: 'year'; year: number }
  /** "last 4 weeks" ends on the latest date; "last 4 full weeks" (`whole`) is whole calendar weeks or months. */
  | { kind: 'rolling'; unit: 'day' | 'week' | 'month'; n: number; whole?: boolean }
  | { kind: 'calendar'; unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; offset: 0 | -1 | -2 }
  /** ISO dates; "????" stands for a year not said (the data's latest year). */
  | { kind: 'range'; from: string; to: string }
  /** "since April 15" / "till May 10": open at one end, closed by the data's coverage. */
  | { kind: 'since'; from: string }
  | { kind: 'until'; to: string }
  /** "first week of May": the Nth (or last) 7 days of a month, clipped to it. */
  | { kind: 'weekOfMonth'; month: number; year?: number; n: number | 'last' }
  /** MTD / QTD / YTD: from the start of the latest month/quarter/year to the latest date. */
  | { kind: 'toDate'; unit: 'month' | 'quarter' | 'year' }
  /** "the week before", "the previous period": compare with the period before the one named. */
  | { kind: 'previous' }
  /** "and the one before that": in a thread, its period moved back by its own length (June → May). */
  | { kind: 'shiftBack' }
  /** "vs the same day the week before": the thread's period seven days earlier, as the comparison. */
  | { kind: 'earlier'; unit: 'week' | 'month' }
  /** "that whole week" after a day: the Monday-to-Sunday week around the thread's period (needs one). */
  | { kind: 'weekAround'; weekend?: boolean }
  /** "the whole quarter": the quarter of the thread's period (the latest quarter when there is none). */
  | { kind: 'quarterAround' }
  /** "stretch that to the whole month": the month of the thread's period (the latest month when there is none). */
  | { kind: 'monthAround' }
  /** "last weekend": the Saturday and Sunday of the last complete week. */
  | { kind: 'lastWeekend' }
  /** "same days in June" after 1–15 May: the thread's days of the month, in the month named (needs one). */
  | { kind: 'sameDaysIn'; month: number }
  | { kind: 'all' };

/** Resolves a spec against the source's latest date. Returns undefined for "all time". */
export function resolveTime(spec: TimeSpec, latest: string, earliest?: string): TimeRange | undefined {
  const latestYear = Number(latest.slice(0, 4));
  const latestMonth = Number(latest.slice(5, 7)) - 1;
  switch (spec.kind) {
    case 'all':
    case 'previous':
    case 'shiftBack':
    case 'earlier':
    case 'weekAround':
    case 'sameDaysIn':
      return undefined;
    case 'month': {
      // Without a year: the most recent such month on or before the data's latest date.
      const y = spec.year ?? (spec.month <= latestMonth ? latestYear : latestYear - 1);
      const from = `${y}-${String(spec.month + 1).padStart(2, '0')}-01`;
      return { from, to: endOfMonth(from), label: monthLabel(from) };
    }
    case 'quarter': {
      const latestQ = Math.floor(latestMonth / 3) + 1;
      const y = spec.year ?? (spec.quarter <= latestQ ? latestYear : latestYear - 1);
      const from = `${y}-${String((spec.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
      const to = endOfMonth(addMonths(from, 2));
      return { from, to, label: `Q${spec.quarter} ${y} (${from} to ${to})` };
    }
    case 'year':
      return { from: `${spec.year}-01-01`, to: `${spec.year}-12-31`, label: String(spec.year) };
    case 'rolling': {
      if (spec.whole && spec.unit !== 'day') return wholeUnits(spec.unit, spec.n, latest);
      const from =
        spec.unit === 'day'
          ? addDays(latest, -(spec.n - 1))
          : spec.unit === 'week'
            ? addDays(latest, -(spec.n * 7 - 1))
            : addDays(addMonthsKeepDay(latest, -spec.n), 1);
      const unit = spec.n === 1 ? spec.unit : `${spec.n} ${spec.unit}s`;
      return { from, to: latest, label: `last ${unit} (${from} to ${latest})` };
    }
    case 'calendar':
      return calendar(spec.unit, spec.offset, latest);
    case 'quarterAround':
      return calendar('quarter', 0, latest);
    case 'monthAround':
      return calendar('month', 0, latest);
    case 'lastWeekend':
      return weekendAround(calendar('week', -1, latest).from);
    case 'since': {
      const from = fillYear(spec.from, latestYear);
      return { from, to: latest, label: `since ${from} (${from} to ${latest})` };
    }
    case 'until': {
      const to = fillYear(spec.to, latestYear);
      const from = earliest ?? `${to.slice(0, 4)}-01-01`;
      return { from, to, label: `up to ${to} (${from} to ${to})` };
    }
    case 'weekOfMonth': {
      const y = spec.year ?? (spec.month <= latestMonth ? latestYear : latestYear - 1);
      const monthStart = `${y}-${String(spec.month + 1).padStart(2, '0')}-01`;
      const monthEnd = endOfMonth(monthStart);
      const from = spec.n === 'last' ? addDays(monthEnd, -6) : addDays(monthStart, (spec.n - 1) * 7);
      const to = spec.n === 'last' ? monthEnd : minIso(addDays(from, 6), monthEnd);
      const which = spec.n === 'last' ? 'last' : ['first', 'second', 'third', 'fourth', 'fifth'][spec.n - 1];
      return { from, to, label: `the ${which} week of ${monthLabel(monthStart)} (${from} to ${to})` };
    }
    case 'toDate': {
      const from =
        spec.unit === 'month'
          ? startOfMonth(latest)
          : spec.unit === 'year'
            ? `${latest.slice(0, 4)}-01-01`
            : calendar('quarter', 0, latest).from;
      return { from, to: latest, label: `${spec.unit} to date (${from} to ${latest})` };
    }
    case 'range': {
      // No year given: the data's latest year; "April 31" (a half-month's end) clamps to the month's end.
      const from = fillYear(spec.from, latestYear);
      const to = fillYear(spec.to, latestYear);
      return { from, to, label: formatDaySpan(from, to) };
    }
  }
}

/** The last `n` complete calendar weeks or months: the latest one counts only when the data covers all of it. */
function wholeUnits(unit: 'week' | 'month', n: number, latest: string): TimeRange {
  const current = unit === 'week' ? startOfWeek(latest) : startOfMonth(latest);
  const currentEnd = unit === 'week' ? addDays(current, 6) : endOfMonth(current);
  const to = currentEnd === latest ? latest : addDays(current, -1);
  const from =
    unit === 'week' ? addDays(startOfWeek(to), -(n - 1) * 7) : addMonths(startOfMonth(to), -(n - 1));
  return { from, to, label: `the last ${n} full ${unit}s (${from} to ${to})` };
}

function calendar(
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year',
  offset: 0 | -1 | -2,
  latest: string,
): TimeRange {
  switch (unit) {
    case 'day': {
      const d = addDays(latest, offset);
      return {
        from: d,
        to: d,
        label: `${offset === 0 ? 'the latest day' : 'the day before the latest'} (${d})`,
      };
    }
    case 'week': {
      // "this week" is the (maybe partial) week of the latest date; "last week" the complete week before it.
      const thisWeek = startOfWeek(latest);
      const weekComplete = addDays(thisWeek, 6) === latest;
      if (offset === 0) {
        const to = addDays(thisWeek, 6);
        return { from: thisWeek, to, label: `the week of ${thisWeek} (${thisWeek} to ${to})` };
      }
      // "the week before last" is the complete week before that.
      const from = addDays(weekComplete ? thisWeek : addDays(thisWeek, -7), 7 * (offset + 1));
      const to = addDays(from, 6);
      return { from, to, label: `the week ${from} to ${to}` };
    }
    case 'month': {
      const from = addMonths(startOfMonth(latest), offset);
      return { from, to: endOfMonth(from), label: monthLabel(from) };
    }
    case 'quarter': {
      const m = Number(latest.slice(5, 7)) - 1;
      const qStart = `${latest.slice(0, 4)}-${String(Math.floor(m / 3) * 3 + 1).padStart(2, '0')}-01`;
      const from = addMonths(qStart, offset * 3);
      const to = endOfMonth(addMonths(from, 2));
      const q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
      return { from, to, label: `Q${q} ${from.slice(0, 4)} (${from} to ${to})` };
    }
    case 'year': {
      const y = Number(latest.slice(0, 4)) + offset;
      return { from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) };
    }
  }
}

function fillYear(iso: string, latestYear: number): string {
  const filled = iso.startsWith('????') ? `${latestYear}${iso.slice(4)}` : iso;
  const monthEnd = endOfMonth(`${filled.slice(0, 7)}-01`);
  return filled > monthEnd ? monthEnd : filled;
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

export function sameRange(a: TimeRange, b: TimeRange): boolean {
  return a.from === b.from && a.to === b.to;
}

/** The thread's days moved to another month of its year: 1–15 May in June is 1–15 June (the end clipped to it). */
export function sameDaysIn(range: TimeRange, month: number): TimeRange {
  const months = month - (Number(range.from.slice(5, 7)) - 1);
  const from = addMonthsKeepDay(range.from, months);
  const to = addMonthsKeepDay(range.to, months);
  return { from, to, label: formatDaySpan(from, to) };
}

/** The Monday-to-Sunday week a day falls in: "that whole week" after "revenue on 26 June" is 20–26 June. */
export function weekAround(day: string): TimeRange {
  const from = startOfWeek(day);
  const to = addDays(from, 6);
  return { from, to, label: `the week ${from} to ${to}` };
}

/** The calendar quarter a day falls in: "the whole quarter" after May is April–June. */
export function quarterAround(day: string): TimeRange {
  return calendar('quarter', 0, day);
}

export function monthAround(day: string): TimeRange {
  return calendar('month', 0, day);
}

/** The Saturday and Sunday of the week a day falls in: "the whole wknd" after Saturday 4 June is 4–5 June. */
export function weekendAround(day: string): TimeRange {
  const from = addDays(startOfWeek(day), 5);
  const to = addDays(from, 1);
  return { from, to, label: `the weekend ${from} to ${to}` };
}
