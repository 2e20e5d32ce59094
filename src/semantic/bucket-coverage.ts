import { dayCount, formatBucket, formatDay, ordinal, type DateGrain } from '../format/dates.js';
import { addDays, daysBetweenInclusive, endOfMonth, startOfMonth, startOfWeek } from './time-range.js';

/**
 * Which date buckets the data fully covers. The data's coverage (a table's first and last date, narrowed to the
 * question's period) decides: March 2022 holds one day of the Amazon report and June 29 of 30 days, so a trend
 * or a growth figure over those buckets compares a day with a month. Everything here is date maths on
 * YYYY-MM-DD strings; the texts ("Jun 2022 to the 29th") go to the answer, the reading and the chart note.
 */
export interface DateSpan {
  /** Inclusive first date. */
  from: string;
  /** Inclusive last date. */
  to: string;
}

export interface BucketCoverage {
  /** The bucket's start as the result holds it (date_trunc). */
  start: string;
  grain: DateGrain;
  /** The days of the bucket the data covers. */
  covered: DateSpan;
  coveredDays: number;
  totalDays: number;
  partial: boolean;
}

/** The calendar days of the bucket starting at `start`. */
export function bucketSpan(start: string, grain: DateGrain): DateSpan {
  if (grain === 'month') return { from: startOfMonth(start), to: endOfMonth(start) };
  if (grain === 'week') {
    const from = startOfWeek(start);
    return { from, to: addDays(from, 6) };
  }
  return { from: start, to: start };
}

/** The overlap of two spans, or null when they do not meet. */
export function intersect(a: DateSpan, b: DateSpan | undefined): DateSpan | null {
  if (!b) return a;
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : null;
}

/** How much of one bucket the data covers. */
export function bucketCoverage(start: string, grain: DateGrain, coverage: DateSpan): BucketCoverage {
  const span = bucketSpan(start, grain);
  const totalDays = daysBetweenInclusive(span.from, span.to);
  const covered = intersect(span, coverage);
  const coveredDays = covered ? daysBetweenInclusive(covered.from, covered.to) : 0;
  return {
    start,
    grain,
    covered: covered ?? { from: span.from, to: span.from },
    coveredDays,
    totalDays,
    partial: coveredDays < totalDays,
  };
}

/** The buckets among `starts` that the data covers only in part (none for days). */
export function partialBuckets(
  starts: readonly string[],
  grain: DateGrain,
  coverage: DateSpan | undefined,
): BucketCoverage[] {
  if (!coverage || grain === 'day') return [];
  return [...new Set(starts)]
    .filter((s) => /^\d{4}-\d{2}-\d{2}/.test(s))
    .map((s) => bucketCoverage(s.slice(0, 10), grain, coverage))
    .filter((b) => b.partial);
}

/**
 * A partial bucket as a name: "Jun 2022 to the 29th" (a month cut at the end), "Mar 2022 (1 day: 31 Mar)",
 * "week of 28 Mar 2022 (4 days, from 31 Mar)".
 */
export function partialPhrase(b: BucketCoverage): string {
  const name = formatBucket(b.start, b.grain);
  const span = bucketSpan(b.start, b.grain);
  const day = (iso: string) => formatDay(iso, { year: false });
  if (b.coveredDays === 1) return `${name} (1 day: ${day(b.covered.from)})`;
  if (b.covered.from === span.from && b.grain === 'month')
    return `${name} to the ${ordinal(Number(b.covered.to.slice(8, 10)))}`;
  if (b.covered.from === span.from) return `${name} (${dayCount(b.coveredDays)}, to ${day(b.covered.to)})`;
  if (b.covered.to === span.to) return `${name} (${dayCount(b.coveredDays)}, from ${day(b.covered.from)})`;
  return `${name} (${dayCount(b.coveredDays)}: ${day(b.covered.from)}–${day(b.covered.to)})`;
}

/** A partial bucket as a clause: "Mar 2022 has 1 day (31 Mar)", "Jun 2022 runs to the 29th (29 of 30 days)". */
export function partialClause(b: BucketCoverage): string {
  const name = formatBucket(b.start, b.grain);
  const span = bucketSpan(b.start, b.grain);
  const day = (iso: string) => formatDay(iso, { year: false });
  if (b.coveredDays === 1) return `${name} has 1 day (${day(b.covered.from)})`;
  const of = `${b.coveredDays} of ${b.totalDays} days`;
  if (b.covered.from === span.from && b.grain === 'month')
    return `${name} runs to the ${ordinal(Number(b.covered.to.slice(8, 10)))} (${of})`;
  if (b.covered.from === span.from) return `${name} runs to ${day(b.covered.to)} (${of})`;
  if (b.covered.to === span.to) return `${name} starts on ${day(b.covered.from)} (${of})`;
  return `${name} has ${of} (${day(b.covered.from)}–${day(b.covered.to)})`;
}

/**
 * A period the data covers in part, as a clause: "the data runs to 29 Jun (3 of 7 days)" for "this week" on data
 * ending Wednesday, "the data starts on 31 Mar (…)" for a period opening before it. Null when it is all covered.
 */
export function periodCoverageClause(period: DateSpan, covered: DateSpan | undefined): string | null {
  if (!covered || (covered.from <= period.from && covered.to >= period.to)) return null;
  const of = `${daysBetweenInclusive(covered.from, covered.to)} of ${daysBetweenInclusive(period.from, period.to)} days`;
  const day = (iso: string) => formatDay(iso, { year: false });
  if (covered.from > period.from && covered.to < period.to)
    return `the data covers ${day(covered.from)}–${day(covered.to)} (${of})`;
  if (covered.to < period.to) return `the data runs to ${day(covered.to)} (${of})`;
  return `the data starts on ${day(covered.from)} (${of})`;
}

/** "Mar 2022 has 1 day (31 Mar) and Jun 2022 runs to the 29th (29 of 30 days)". */
export function partialSummary(buckets: readonly BucketCoverage[]): string {
  const parts = buckets.map(partialClause);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A compact list for a chart note: "Mar 2022 (1 of 31 days), Jun 2022 (29 of 30 days)". */
export function partialList(buckets: readonly BucketCoverage[]): string {
  return buckets
    .map((b) => `${formatBucket(b.start, b.grain)} (${b.coveredDays} of ${b.totalDays} days)`)
    .join(', ');
}

/**
 * Like with like: when the data ends inside the current period, the current period is cut at the data's last
 * day and the comparison period to the same number of days from its start ("this month vs last month" on data
 * ending 29 Jun compares 1–29 Jun with 1–29 May). Null when the current period is fully covered.
 */
export function likeForLike(
  current: DateSpan,
  compare: DateSpan,
  coverage: DateSpan | undefined,
): { current: DateSpan; compare: DateSpan; days: number } | null {
  if (!coverage || current.to <= coverage.to || current.from > coverage.to) return null;
  const days = daysBetweenInclusive(current.from, coverage.to);
  const compareTo = addDays(compare.from, days - 1);
  return {
    current: { from: current.from, to: coverage.to },
    compare: { from: compare.from, to: compareTo < compare.to ? compareTo : compare.to },
    days,
  };
}

/**
 * Less than half of a period is in data that starts on `dataFrom`: what the data holds is no figure for the period
 * ("up 77091% from the previous 90 days", of which the data holds one).
 */
export function mostlyBeforeData(period: DateSpan, dataFrom: string): boolean {
  if (period.from >= dataFrom) return false;
  if (period.to < dataFrom) return true;
  return daysBetweenInclusive(dataFrom, period.to) * 2 < daysBetweenInclusive(period.from, period.to);
}
