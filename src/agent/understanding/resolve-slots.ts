import { dimensionSources, type Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Filter, Source, TimeRange } from '../../semantic/plan.js';
import type { Frame, FrameFilter, ValueReading } from './frame.js';
import { resolveTime, sameRange } from './periods.js';
import { addDays } from '../../semantic/time-range.js';

/**
 * Slots of a frame resolved on one source: which report, which measures, which filter values, which periods.
 * Each comes with a score (1 = read as written) and, where the words allowed another reading, that alternative.
 * This is where catalog and source checks live; it never sees the question's text.
 */
export interface Slot<T> {
  value: T;
  score: number;
  /** Why the score is below 1, in words for the clarification. */
  doubt?: string;
}

export interface ResolvedFilter {
  filter: Filter;
  score: number;
  /** The same words read as another dimension's value ("delhi": the state, or the city). */
  alternative?: Filter;
  note?: string;
  from: FrameFilter;
}

/** The dimensions a question is about: its breakdowns, and those it names without one (an average's). */
/** The dimensions the question is about: its breakdowns, the ones it names in passing, and the one it counts. */
function breakdowns(frame: Frame): string[] {
  return [...frame.groupBy.map((g) => g.id), ...frame.about, ...(frame.countOf ? [frame.countOf] : [])];
}

export function chooseSource(frame: Frame, catalog: Catalog, fallback: Source | undefined): Slot<Source> {
  const ids = frame.metrics.map((m) => m.id);
  // "how many did that one sell in may" after a stock answer: a snapshot records no sales, the orders report does.
  const sold = catalog.metrics.units?.source;
  if (!ids.length && frame.howManySold && fallback && sold && !catalog.sources[fallback]?.dateColumn)
    return { value: sold, score: 0.9 };
  // A follow-up's measure asked in the thread's report's words ("pieces too" on the wholesale report).
  if (fallback && ids.length && !frame.sources.length && ids.every((id) => metricOn(catalog, id, fallback)))
    return { value: fallback, score: 1 };
  // "top wholesale customers by pcs": the breakdown lives on one report, and the measure has its twin there.
  const onlyOnFirst = breakdowns(frame)
    .map((id) => dimensionSources(catalog, id))
    .find((s) => s.length === 1);
  if (
    onlyOnFirst &&
    ids.length &&
    !frame.sources.length &&
    ids.every((id) => metricOn(catalog, id, onlyOnFirst[0]!))
  )
    return { value: onlyOnFirst[0]!, score: 1 };
  // "kurta SKUs with stock below 5": a yes/no filter that exists on one report only.
  const booleanOnly = frame.filters
    .map((f) => (f.boolean ? dimensionSources(catalog, f.boolean.dimension) : []))
    .find((s) => s.length === 1);
  if (booleanOnly && !frame.sources.length && ids.every((id) => metricOn(catalog, id, booleanOnly[0]!)))
    return { value: booleanOnly[0]!, score: 1 };
  // "tops down to their last 2 pieces, not OOS": a value only one report has, and the measure has its twin there.
  const valueSource = onlyValueSource(frame);
  if (
    valueSource &&
    ids.length &&
    !frame.sources.length &&
    ids.every((id) => metricOn(catalog, id, valueSource))
  )
    return { value: valueSource, score: 0.9 };
  const metricSources = [...new Set(frame.metrics.map((m) => catalog.metrics[m.id]!.source))];
  if (!ids.length && frame.countOf) {
    const counters = Object.values(catalog.metrics).filter((m) => m.countOf === frame.countOf);
    // "how many SKUs did we sell in May": counted where things sell, on dates (not the stock snapshot).
    const sells = (source: Source) =>
      Boolean(catalog.sources[source]?.dateColumn) &&
      Object.entries(catalog.metrics).some(
        ([id, m]) => m.source === source && (id === 'units' || m.sameAs === 'units'),
      );
    const selling = frame.howManySold || frame.times.length > 0;
    const counter = (selling ? counters.find((m) => sells(m.source)) : undefined) ?? counters[0];
    if (counter && !frame.sources.length) return { value: counter.source, score: 1 };
  }
  const named = frame.sources[0];
  if (
    named &&
    metricSources.every(
      (s) =>
        s === named ||
        hasSameAs(
          catalog,
          named,
          frame.metrics.map((m) => m.id),
        ),
    )
  )
    return { value: named, score: 1 };
  if (metricSources.length === 1) return { value: metricSources[0]!, score: 1 };
  if (metricSources.length > 1)
    return { value: metricSources[0]!, score: 0.3, doubt: 'measures from different reports' };
  const onlyOn = breakdowns(frame)
    .map((id) => dimensionSources(catalog, id))
    .find((s) => s.length === 1);
  // "top wholesale customers by pcs": the breakdown lives on one report, and the measure has its twin there.
  if (onlyOn && ids.length && ids.every((id) => metricOn(catalog, id, onlyOn[0]!)))
    return { value: onlyOn[0]!, score: 1 };
  if (onlyOn) return { value: onlyOn[0]!, score: 1 };
  const valueOnly = frame.filters.find(
    (f) =>
      f.candidates.length &&
      f.candidates.every((c) => c.source === f.candidates[0]!.source) &&
      f.candidates[0]!.source !== 'amazon_sales',
  );
  if (
    valueOnly &&
    !frame.filters.some(
      (f) =>
        f.candidates.some((c) => c.source === 'amazon_sales') &&
        !f.candidates.some((c) => c.source === valueOnly.candidates[0]!.source),
    )
  )
    return { value: valueOnly.candidates[0]!.source, score: 0.9 };
  return { value: fallback ?? 'amazon_sales', score: 1 };
}

/** The one report (other than the orders) that some filter's words can only be a value of. */
function onlyValueSource(frame: Frame): Source | undefined {
  const only = frame.filters.find(
    (f) =>
      f.candidates.length &&
      f.candidates.every((c) => c.source === f.candidates[0]!.source) &&
      f.candidates[0]!.source !== 'amazon_sales',
  );
  return only?.candidates[0]!.source;
}

function hasSameAs(catalog: Catalog, source: Source, ids: string[]): boolean {
  return ids.every(
    (id) =>
      Object.values(catalog.metrics).some((m) => m.source === source && m.sameAs === id) ||
      catalog.metrics[id]?.source === source,
  );
}

/** A metric asked of another report: "revenue" of the wholesale report is its own revenue metric. */
export function metricOn(catalog: Catalog, id: string, source: Source): string | undefined {
  if (catalog.metrics[id]?.source === source) return id;
  const same = Object.entries(catalog.metrics).find(
    ([, m]) =>
      m.source === source &&
      (m.sameAs === id || (m.sameAs === catalog.metrics[id]?.sameAs && m.sameAs !== undefined)),
  );
  return same?.[0];
}

/** The measure people mean when they name none, per report: the first metric of that report in the catalog. */
export function defaultMetric(catalog: Catalog, source: Source, frame: Frame): string {
  const counter =
    frame.countOf &&
    Object.entries(catalog.metrics).find(([, m]) => m.source === source && m.countOf === frame.countOf);
  if (counter) return counter[0];
  const onSource = Object.entries(catalog.metrics)
    .filter(([, m]) => m.source === source)
    .map(([id]) => id);
  if (frame.howManySold) return metricOn(catalog, 'units', source) ?? onSource[0]!;
  return onSource[0]!;
}

export function resolveFilters(
  frame: Frame,
  catalog: Catalog,
  source: Source,
): { filters: ResolvedFilter[]; missing: FrameFilter[] } {
  const out: ResolvedFilter[] = [];
  const missing: FrameFilter[] = [];
  for (const f of frame.filters) {
    const op = f.negated ? 'not_in' : 'in';
    if (f.boolean) {
      if (dimensionSources(catalog, f.boolean.dimension).includes(source))
        out.push({
          filter: { dimension: f.boolean.dimension, op: 'in', values: [f.boolean.value] },
          score: 1,
          from: f,
        });
      else missing.push(f);
      continue;
    }
    if (f.fixed) {
      if (dimensionSources(catalog, f.fixed.dimension).includes(source))
        out.push({
          filter: { dimension: f.fixed.dimension, op, values: [...f.fixed.values] },
          score: 1,
          from: f,
        });
      continue;
    }
    const onSource = f.candidates.filter((c) => c.source === source);
    const best = pickCandidate(onSource, frame);
    if (!best) {
      missing.push(f);
      continue;
    }
    const runnerUp = onSource.find((c) => c.dimension !== best.dimension);
    const resolved: ResolvedFilter = {
      filter: { dimension: best.dimension, op, values: best.values },
      score: best.score,
      from: f,
    };
    if (runnerUp) resolved.alternative = { dimension: runnerUp.dimension, op, values: runnerUp.values };
    if (best.match === 'typo' || best.match === 'alias')
      resolved.note = `Read "${f.text}" as ${catalog.dimensions[best.dimension]!.label.toLowerCase()} ${best.values.slice(0, 3).join(' / ')}.`;
    out.push(resolved);
  }
  return { filters: mergeFilters(out), missing };
}

/** A dimension named in the question wins ("city of Delhi"), then the catalog's value priority. */
function pickCandidate(candidates: ValueReading[], frame: Frame): ValueReading | undefined {
  const named = new Set(frame.groupBy.map((g) => g.id));
  return (
    candidates.find((c) => named.has(c.dimension)) ?? [...candidates].sort((a, b) => b.score - a.score)[0]
  );
}

function mergeFilters(list: ResolvedFilter[]): ResolvedFilter[] {
  const out: ResolvedFilter[] = [];
  for (const r of list) {
    const same = out.find((x) => x.filter.dimension === r.filter.dimension && x.filter.op === r.filter.op);
    if (same) {
      same.filter = { ...same.filter, values: [...new Set([...same.filter.values, ...r.filter.values])] };
      same.score = Math.min(same.score, r.score);
    } else out.push({ ...r, filter: { ...r.filter, values: [...r.filter.values] } });
  }
  return out;
}

/**
 * One period after "vs" in a new question ("is revenue up vs last month?"): that period is the comparison, and the
 * current one is the period after it (this month; for weeks, the last complete week).
 */
function comparedWithOne(
  frame: Frame,
  only: TimeRange,
  latest: string,
): { current: TimeRange; compare?: TimeRange } {
  const mention = frame.times.find((t) => !['previous', 'all', 'shiftBack', 'earlier'].includes(t.spec.kind));
  if (!frame.compareBefore || !mention || mention.spec.kind !== 'calendar' || mention.spec.offset !== -1)
    return { current: only };
  const unit = mention.spec.unit;
  if (unit === 'week') {
    const current = only;
    const compare = resolveTime(
      { kind: 'range', from: addDays(only.from, -7), to: addDays(only.to, -7) },
      latest,
    )!;
    return { current, compare: { ...compare, label: `the week ${compare.from} to ${compare.to}` } };
  }
  return { current: resolveTime({ kind: 'calendar', unit, offset: 0 }, latest)!, compare: only };
}

export interface ResolvedTime {
  current?: TimeRange;
  compare?: TimeRange;
  /** Two phrases naming the same period ("this month vs last month" at the data's end): the one before. */
  comparePrevious: boolean;
  /** "and the one before that": the thread's period, moved back. */
  shiftBack?: boolean;
  /** "vs the same day the week before": compare with the thread's period a week earlier. */
  earlier?: 'week' | 'month';
  /** The one period named after "vs", as named: in a follow-up it is compared with the thread's own period. */
  versus?: TimeRange;
  all: boolean;
}

function earlierOf(frame: Frame): { earlier?: 'week' | 'month' } {
  const spec = frame.times.find((t) => t.spec.kind === 'earlier')?.spec;
  return spec?.kind === 'earlier' ? { earlier: spec.unit } : {};
}

export function resolvePeriods(frame: Frame, profile: DataProfile, source: Source): ResolvedTime {
  const range = profile.dateRanges[source];
  const out: ResolvedTime = {
    comparePrevious: frame.times.some((t) => t.spec.kind === 'previous'),
    ...(frame.times.some((t) => t.spec.kind === 'shiftBack') ? { shiftBack: true } : {}),
    ...earlierOf(frame),
    // "so far in 2022": a named period wins over "so far".
    all:
      frame.times.some((t) => t.spec.kind === 'all') &&
      frame.times.every(
        (t) => t.spec.kind === 'all' || t.spec.kind === 'previous' || t.spec.kind === 'shiftBack',
      ),
  };
  if (!range) return out;
  const ranges = frame.times
    .map((t) => resolveTime(t.spec, range.to, range.from))
    .filter((r): r is TimeRange => r !== undefined);
  if (!ranges.length) return out;
  if (ranges.length === 1) {
    const one = comparedWithOne(frame, ranges[0]!, range.to);
    return { ...out, ...one, ...(one.compare ? { versus: ranges[0]! } : {}) };
  }
  // "apr, may and jun": every month named, as one span shown month by month.
  if (frame.eachMonth && ranges.length > 2) {
    const from = ranges.map((r) => r.from).sort()[0]!;
    const to = ranges
      .map((r) => r.to)
      .sort()
      .at(-1)!;
    return { ...out, current: { from, to, label: `${from} to ${to}` } };
  }
  let [a, b] = [ranges[0]!, ranges[1]!];
  if (!frame.comparePeriods && !frame.growth) {
    // "May and June", "Jan through Mar": one range from the first to the last, labelled as the span it is.
    const [first, last] = a.from <= b.from ? [a, b] : [b, a];
    const to = a.to > b.to ? a.to : b.to;
    return { ...out, current: { from: first.from, to, label: `${first.label} to ${last.label}` } };
  }
  if (sameRange(a, b)) return { ...out, current: a, comparePrevious: true };
  if (a.from < b.from) [a, b] = [b, a];
  return { ...out, current: a, compare: b };
}
