import {
  addDays,
  addMonthsKeepDay,
  daysBetweenInclusive,
  previousPeriod,
  startOfMonth,
  startOfWeek,
} from '../../semantic/time-range.js';
import type { Filter, Plan } from '../../semantic/plan.js';
import type { Frame } from './frame.js';
import { sameRange } from './periods.js';
import type { ResolvedFilter, ResolvedTime } from './resolve-slots.js';
import { distinctValues, isDateGrain } from './plan-shape.js';
import { keepsLinesOf, type Catalog } from '../../semantic/catalog.js';

/**
 * Follow-up edit operators: how a reply changes the thread's previous plan. "units too" adds a measure,
 * "orders instead" replaces it; "drop Kerala" removes a value (or excludes it), "only Kurta" replaces a filter,
 * "and Goa" adds a value; "split by size" adds a breakdown, "by size" replaces it; "vs April" adds a comparison
 * and keeps the period, "in May" replaces the period.
 */
export function applyFollowUpMetrics(previous: string[], named: string[], frame: Frame): string[] {
  const notWanted = new Set(frame.notMetrics);
  if (!named.length) {
    const kept = previous.filter((m) => !notWanted.has(m));
    return kept.length ? kept : [...previous];
  }
  if (notWanted.size) return named.filter((m) => !notWanted.has(m));
  // "and what share of gross revenue…": a share is of the measure it names, which replaces the thread's.
  if (frame.share) return named;
  if (frame.edits.add && !frame.edits.instead) return [...new Set([...previous, ...named])];
  return named;
}

export function applyFollowUpFilters(
  plan: Plan,
  frame: Frame,
  filters: ResolvedFilter[],
  catalog: Catalog,
): void {
  // "just delhi" then "and bombay?": a city named after a state (or a state after a city) is the new place, not
  // a second condition that no row meets.
  // Two thresholds of one measure never stand together ("and how many are low stock?" after out of stock), even
  // when the question adds ("and …") or asks a share.
  const keepsPlaces = frame.edits.add || frame.share;
  for (const { filter } of filters) {
    const measure = catalog.dimensions[filter.dimension]?.thresholdOf;
    const related = placeRelated(catalog, filter.dimension).filter(
      (d) => !keepsPlaces || (measure !== undefined && catalog.dimensions[d]?.thresholdOf === measure),
    );
    if (filter.op === 'in' && related.length)
      plan.filters = plan.filters.filter((f) => !(related.includes(f.dimension) && f.op === 'in'));
  }
  // "replace Telangana with Kerala": the first value named leaves, the second takes its place.
  const sameDim = filters.filter(
    (f) => f.filter.op === 'in' && f.filter.dimension === filters[0]?.filter.dimension,
  );
  if (frame.edits.instead && sameDim.length === 1 && sameDim[0]!.filter.values.length === 2) {
    // "replace A with B": A leaves; "B instead of A", "B rather than A": A, the value after the cue, leaves.
    const [first, second] = sameDim[0]!.filter.values;
    const afterCue = frame.insteadOfAt !== undefined && frame.filters.some((f) => f.at > frame.insteadOfAt!);
    const [out, inn] = afterCue ? [second, first] : [first, second];
    const existing = plan.filters.find((f) => f.dimension === sameDim[0]!.filter.dimension && f.op === 'in');
    if (existing?.values.includes(out!)) {
      existing.values = [...existing.values.filter((v) => v !== out), inn!];
      return;
    }
  }
  filters = withoutReplaced(plan, frame, filters);
  for (const { filter, from } of filters) {
    const sameDim = plan.filters.findIndex((x) => x.dimension === filter.dimension && x.op === 'in');
    if (filter.op === 'not_in' && frame.edits.remove && sameDim >= 0) {
      removeValues(plan, sameDim, filter);
      continue;
    }
    // "vs Flipkart" after "Kurta MRP on Myntra": both values, side by side.
    if (frame.comparePeriods && filter.op === 'in' && sameDim >= 0 && !frame.times.length) {
      const values = [...new Set([...plan.filters[sameDim]!.values, ...filter.values])];
      plan.filters[sameDim] = { ...filter, values };
      if (!plan.groupBy.includes(filter.dimension)) plan.groupBy = [...plan.groupBy, filter.dimension];
      continue;
    }
    const existing = plan.filters.findIndex((x) => x.dimension === filter.dimension && x.op === filter.op);
    if (existing >= 0 && frame.edits.add && !from.only) {
      plan.filters[existing] = {
        ...filter,
        values: [...new Set([...plan.filters[existing]!.values, ...filter.values])],
      };
      // "add Mumbai too" after Pune's orders: both cities, side by side, as "Amazon vs Merchant" is.
      const widened = distinctValues(plan.filters[existing]!.values) > 1 && filter.op === 'in';
      if (widened && !plan.groupBy.includes(filter.dimension) && !plan.share && !plan.combined)
        plan.groupBy = [...plan.groupBy, filter.dimension];
    } else if (existing >= 0) plan.filters[existing] = filter;
    else plan.filters.push(filter);
    // "split fba vs merchant": two values set side by side are a breakdown by their dimension.
    const sideBySide = frame.edits.split || (frame.comparePeriods && !frame.times.length);
    const merged = plan.filters.find((x) => x.dimension === filter.dimension && x.op === 'in');
    if (
      sideBySide &&
      filter.op === 'in' &&
      (merged?.values.length ?? filter.values.length) >= 2 &&
      !plan.groupBy.includes(filter.dimension)
    )
      plan.groupBy = [...plan.groupBy, filter.dimension];
    if (filter.op === 'in')
      plan.filters = plan.filters.filter((x) => !(x.dimension === filter.dimension && x.op === 'not_in'));
    // A single value of a dimension the answer was broken down by: the breakdown collapses to that value.
    // So does one word for a family of values ("still pending": both pending statuses), counted as one.
    const pinned = plan.filters.find((x) => x.dimension === filter.dimension && x.op === 'in');
    const family =
      from.candidates.some((c) => c.match === 'alias' && c.values.length > 1) && !frame.comparePeriods;
    if (pinned && (distinctValues(pinned.values) === 1 || family) && !plan.share)
      plan.groupBy = plan.groupBy.filter((d) => d !== filter.dimension);
  }
}

/**
 * "same but low stock rather than OOS": the filter named after the cue is the one replaced, by the filter before it
 * on another dimension; it leaves the plan (when the thread has it) and is never added.
 */
function withoutReplaced(plan: Plan, frame: Frame, filters: ResolvedFilter[]): ResolvedFilter[] {
  const cue = frame.insteadOfAt;
  if (cue === undefined || !frame.edits.instead) return filters;
  const before = filters.filter((f) => f.from.at < cue);
  const replaced = filters.filter(
    (f) =>
      f.from.at > cue &&
      f.filter.op === 'in' &&
      before.length > 0 &&
      before.every((b) => b.filter.dimension !== f.filter.dimension),
  );
  for (const { filter } of replaced) {
    const index = plan.filters.findIndex((x) => x.dimension === filter.dimension && x.op === 'in');
    if (index >= 0) removeValues(plan, index, filter);
  }
  return filters.filter((f) => !replaced.includes(f));
}

/**
 * "just the cancellations - which categories are they in?" after order lines by status: the thread counts lines, so
 * the cancellations are its lines that were cancelled (the count's own filter), not a second measure's count.
 * So are they when the thread counts cancelled lines already.
 */
export function countNarrowedTo(plan: Plan, previous: Plan, frame: Frame, catalog: Catalog): void {
  if (frame.edits.instead || plan.metrics.length !== 1) return;
  const narrowed = catalog.metrics[plan.metrics[0]!]?.asFilter;
  // Or the thread counts those lines already ("which category saw cancellations climb" after cancelled lines).
  const already = previous.filters.some(
    (f) => f.op === 'in' && keepsLinesOf(catalog.metrics[plan.metrics[0]!], f),
  );
  if (!frame.edits.only && !already) return;
  const counts = previous.metrics.every(
    (m) => catalog.metrics[m]?.format === 'count' && !catalog.metrics[m]?.asFilter,
  );
  if (!narrowed || !counts || previous.source !== plan.source) return;
  plan.metrics = [...previous.metrics];
  plan.filters = [
    ...plan.filters.filter((f) => f.dimension !== narrowed.dimension),
    { dimension: narrowed.dimension, op: 'in', values: [...narrowed.values] },
  ];
  if (plan.sort) plan.sort = { ...plan.sort, by: plan.metrics[0]! };
}

function removeValues(plan: Plan, index: number, filter: Filter): void {
  const kept = plan.filters[index]!.values.filter((v) => !filter.values.includes(v));
  if (kept.length) plan.filters[index] = { ...plan.filters[index]!, values: kept };
  else plan.filters.splice(index, 1);
}

export function applyFollowUpGrouping(
  plan: Plan,
  frame: Frame,
  groupBy: string[],
  filters: ResolvedFilter[],
  catalog: Catalog,
  prior?: Plan,
): void {
  const isGrain = (d: string) => isDateGrain(catalog, d);
  // "now all categories" after "top 5 states for Kurta": the filter lifted, the states still ranked; a breakdown
  // by category where the thread had no category filter to lift, or for "every category".
  const lifted = (frame.allSaid ?? []).filter(
    (d) =>
      plan.filters.some((f) => f.dimension === d) && !plan.groupBy.includes(d) && !frame.again?.includes(d),
  );
  if (lifted.length) groupBy = groupBy.filter((d) => !lifted.includes(d));
  if (frame.allOf.length) plan.filters = plan.filters.filter((f) => !frame.allOf.includes(f.dimension));
  // "show all categories again" after "only Kurta by size": the breakdown by category the thread had before; after
  // a total that was only narrowed ("only MH"), the total again.
  const back = (frame.again ?? []).filter((d) => prior?.groupBy.includes(d) && !plan.groupBy.includes(d));
  if (back.length) plan.groupBy = [...back, ...plan.groupBy];
  if (plan.timeRange && frame.allOf.some((d) => withinOneBucket(plan.timeRange!, d))) delete plan.timeRange;
  // A breakdown by a dimension this question pins to one value says nothing ("Tops next to it, split by category"
  // has two); one the thread pinned is asked across all its values ("best category?" after "Kurta revenue").
  let fresh = groupBy.filter(
    (d) =>
      !filters.some(
        (f) => f.filter.dimension === d && f.filter.op === 'in' && distinctValues(f.filter.values) === 1,
      ),
  );
  if (!fresh.length) return;
  // "swap size for category", "by category rather than size": the breakdown shown goes, the new one comes.
  const replacing = fresh.filter((d) => !plan.groupBy.includes(d));
  if (frame.edits.instead && replacing.length && replacing.length < fresh.length) fresh = replacing;
  // "show that for every category" keeps the share; "the bottom 5 states instead" replaces what was asked.
  if (!frame.edits.instead && !frame.rank && shareWithinEach(plan, fresh)) return;
  // "by week" on a by-state answer: a series per state; a new non-date breakdown replaces the old one.
  const grainOnNonGrain = fresh.every(isGrain) && plan.groupBy.length > 0 && !plan.groupBy.some(isGrain);
  // "split by fulfilment instead of month": "instead" replaces, whatever verb asked for the split.
  const keep = (frame.edits.split || frame.edits.add || grainOnNonGrain) && !frame.edits.instead;
  plan.groupBy = keep ? [...new Set([...plan.groupBy, ...fresh])] : fresh;
  // Grouping by a dimension the previous answer was pinned to ("best category?" after "Kurta revenue"): all values.
  const newlyFiltered = new Set(filters.map((f) => f.filter.dimension));
  // "now the bottom 5 states instead" after Hyderabad's share: one city inside the states ranked goes too.
  const inside = (d: string) => fresh.includes(catalog.dimensions[d]?.within ?? '');
  plan.filters = plan.filters.filter(
    (f) =>
      newlyFiltered.has(f.dimension) ||
      !(fresh.includes(f.dimension) || (!keep && inside(f.dimension))) ||
      f.op !== 'in' ||
      distinctValues(f.values) > 1,
  );
  // A share was of the breakdown replaced; the new one is asked for itself.
  if (!keep && !frame.share && plan.share) {
    plan.share = false;
    delete plan.shareWithin;
  }
  if (!frame.rank && !keep) delete plan.limit;
  if (plan.sort && !plan.groupBy.length) delete plan.sort;
}

/** The calendar unit every period is one of: weeks starting Monday, else months (the breakdown of two periods). */
function sharedGrain(ranges: { from: string; to: string }[]): 'week' | 'month' {
  const weekly = ranges.every(
    (r) => startOfWeek(r.from) === r.from && daysBetweenInclusive(r.from, r.to) <= 7,
  );
  return weekly ? 'week' : 'month';
}

/**
 * "show that for every category" after "what share of Kurta revenue came from promoted lines": the same share,
 * within each category (promotion inside category), not each category's share of the total.
 */
function shareWithinEach(plan: Plan, fresh: string[]): boolean {
  const subject = plan.groupBy[0];
  if (!plan.share || plan.shareWithin?.length || plan.groupBy.length !== 1 || fresh.length !== 1)
    return false;
  if (!plan.filters.some((f) => f.dimension === subject && f.op === 'in')) return false;
  const each = fresh[0]!;
  plan.groupBy = [each, subject!];
  plan.shareWithin = [each];
  plan.filters = plan.filters.filter((f) => f.dimension !== each);
  delete plan.sort;
  delete plan.limit;
  return true;
}

export function applyFollowUpTime(plan: Plan, frame: Frame, time: ResolvedTime, catalog: Catalog): void {
  if (time.all) {
    delete plan.timeRange;
    delete plan.compareTo;
    return;
  }
  // "whole wknd vs the wknd before": the period named now (else the thread's), against it a week earlier.
  if (time.earlier && (time.current ?? plan.timeRange)) {
    if (time.current) plan.timeRange = time.current;
    const { from, to } = plan.timeRange!;
    const shift = (iso: string) => (time.earlier === 'week' ? addDays(iso, -7) : addMonthsKeepDay(iso, -1));
    const [a, b] = [shift(from), shift(to)];
    const ago = `a ${time.earlier} earlier`;
    plan.compareTo = { from: a, to: b, label: a === b ? `${a}, ${ago}` : `${a} to ${b}, ${ago}` };
    return;
  }
  // "and the week before?", "same for the fortnight before": the period before, in place of the thread's ("vs the
  // week before" compares instead).
  const before = time.comparePrevious && !frame.comparePeriods && !frame.growth;
  if ((time.shiftBack || before) && plan.timeRange && !time.current) {
    plan.timeRange = previousPeriod(plan.timeRange);
    if (plan.compareTo !== 'previous_period') delete plan.compareTo;
    return;
  }
  if (!time.current) {
    if ((frame.growth || time.comparePrevious) && plan.timeRange && !plan.compareTo)
      plan.compareTo = 'previous_period';
    return;
  }
  // "add June too" after April vs May: the months asked so far and June, month by month.
  // "put May next to it" after June: both months, month by month; "add this wk so far" after two weeks, week
  // by week.
  if (frame.edits.add && frame.times.length === 1 && plan.timeRange && !frame.comparePeriods) {
    const compared = plan.compareTo === 'previous_period' ? previousPeriod(plan.timeRange) : plan.compareTo;
    const ranges = [plan.timeRange, time.current, ...(typeof compared === 'object' ? [compared] : [])];
    const from = ranges.map((r) => r.from).sort()[0]!;
    const to = ranges
      .map((r) => r.to)
      .sort()
      .at(-1)!;
    plan.timeRange = { from, to, label: `${from} to ${to}` };
    const grain = sharedGrain(ranges);
    const distinct = !ranges.every((r) => sameRange(r, ranges[0]!));
    if (distinct && !plan.groupBy.some((d) => isDateGrain(catalog, d)))
      plan.groupBy = [grain, ...plan.groupBy];
    delete plan.compareTo;
    return;
  }
  // "drop april" after Q2 by month: the period loses that month at its edge, the rest stays.
  // A month inside the period cannot be cut out of it: the period stays, never the month alone.
  if (frame.edits.remove && frame.times.length === 1 && plan.timeRange) {
    trimmed(plan, time.current);
    return;
  }
  // "and MoM thru june" after April: the thread's period runs on to June (a monthly series, see compose-plan).
  const [only] = frame.times;
  const runsOn =
    only && (only.spec.kind === 'until' || /^(thru|through|till|until|up to|upto)\b/.test(only.text));
  if (frame.times.length === 1 && runsOn && plan.timeRange) {
    if (time.current.to > plan.timeRange.from) {
      plan.timeRange = {
        from: plan.timeRange.from,
        to: time.current.to,
        label: `${plan.timeRange.from} to ${time.current.to}`,
      };
      delete plan.compareTo;
      return;
    }
  }
  const comparing = frame.comparePeriods || frame.growth;
  // "vs last wk" after "this wk": the thread's week against the one named, not the named one against its own past.
  const versus =
    time.versus && plan.timeRange && !sameRange(time.versus, plan.timeRange) ? time.versus : undefined;
  const named = versus ?? time.current;
  if (time.compare && !versus) {
    plan.timeRange = time.current;
    plan.compareTo = time.compare;
  } else if (comparing && plan.timeRange && frame.times.length === 1) {
    // "vs April", "compare with April": the thread's period stays, the named one becomes the comparison.
    const [later, earlier] =
      plan.timeRange.from >= named.from ? [plan.timeRange, named] : [named, plan.timeRange];
    plan.timeRange = later;
    plan.compareTo = earlier;
  } else {
    plan.timeRange = time.current;
    if (time.comparePrevious) plan.compareTo = 'previous_period';
    else if (plan.compareTo && plan.compareTo !== 'previous_period') delete plan.compareTo;
  }
}

/** The dimensions a place dimension nests in or holds (city ↔ state, from the catalog's `within`). */
/**
 * Dimensions a new filter on this one stands in for: a place inside or around it (a city for a state), and another
 * threshold on the same measure ("low stock instead" after "out of stock": both cut stock, so one replaces the other).
 */
function placeRelated(catalog: Catalog, dimension: string): string[] {
  const outer = catalog.dimensions[dimension]?.within;
  const measure = catalog.dimensions[dimension]?.thresholdOf;
  const inner = Object.entries(catalog.dimensions)
    .filter(([id, d]) => d.within === dimension || (measure && id !== dimension && d.thresholdOf === measure))
    .map(([id]) => id);
  return [...(outer ? [outer] : []), ...inner];
}

/** "for every month" after an answer about April: the thread's period is one bucket, so every month is all dates. */
function withinOneBucket(range: { from: string; to: string }, grain: string): boolean {
  if (grain === 'month') return startOfMonth(range.from) === startOfMonth(range.to);
  if (grain === 'week') return startOfWeek(range.from) === startOfWeek(range.to);
  return grain === 'day' && range.from === range.to;
}

/** The thread's period without a stretch at either end of it; false when the stretch is not at an end. */
function trimmed(plan: Plan, cut: { from: string; to: string }): boolean {
  const range = plan.timeRange!;
  if (cut.from <= range.from && cut.to >= range.from && cut.to < range.to) {
    const from = addDays(cut.to, 1);
    plan.timeRange = { from, to: range.to, label: `${from} to ${range.to}` };
    return true;
  }
  if (cut.to >= range.to && cut.from <= range.to && cut.from > range.from) {
    const to = addDays(cut.from, -1);
    plan.timeRange = { from: range.from, to, label: `${range.from} to ${to}` };
    return true;
  }
  return false;
}
