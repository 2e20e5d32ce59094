import { growthOfSeries } from './series-growth.js';
import { booleanTarget, shareShape, shareTarget } from './share-shape.js';
import { rankDirection } from './judged-direction.js';
import { keepMovedRows } from './change-kept.js';
import { asCounts, asRates, percentIsRate, perDayLike, perDayOfThread } from './rate-measures.js';
import { dimensionSources, type Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Filter, Plan, Source } from '../../semantic/plan.js';
import { applyThresholds, namedOnlyAsBound } from './thresholds.js';
import { listCounted, listedMeasure } from './listing.js';
import {
  applyBoth,
  applyOtherValue,
  applyRowPick,
  applySplitOfRanked,
  applySameRows,
  applyTheyPick,
  applyThoseRows,
} from './row-pick.js';
import { netTwinOf } from './lexicon.js';
import type { PreviousRows } from '../resolver/resolver.js';
import { monthAround, quarterAround, sameDaysIn, sameRange, weekAround, weekendAround } from './periods.js';
import { distinctValues, isDateGrain } from './plan-shape.js';
import { daysBetweenInclusive } from '../../semantic/time-range.js';
import type { Frame } from './frame.js';
import {
  applyFollowUpFilters,
  countNarrowedTo,
  applyFollowUpGrouping,
  applyFollowUpMetrics,
  applyFollowUpTime,
} from './follow-up.js';
import {
  chooseSource,
  defaultMetric,
  metricOn,
  resolveFilters,
  resolvePeriods,
  type ResolvedFilter,
} from './resolve-slots.js';

/**
 * Frame → Plan, for a new question (base undefined) or as edits of the thread's previous plan. Every slot keeps
 * its score; the plan's confidence is its weakest slot, and `weakest` says which one, so a clarification asks
 * about that slot and nothing else.
 */
export type SlotName = 'source' | 'measure' | 'filter' | 'breakdown' | 'period' | 'rank' | 'words';

export interface Composed {
  plan: Plan;
  slots: { name: SlotName; score: number; doubt?: string }[];
  notes: string[];
  /** Next-best readings, as whole plans (another dimension for a value, the measure not assumed). */
  alternatives: { label: string; plan: Plan }[];
  missingFilters: string[];
  unavailableDimensions: string[];
  /** Measures the question named that the chosen report does not hold ("sales on Flipkart": a price list). */
  unheldMetrics: string[];
  /** An average over a dimension the chosen report does not have ("average customer spend" on Amazon orders). */
  unheldPerValue?: string;
  /** Words the plan cannot express, found while composing ("over 9 lakh" with nothing to count). */
  unsupported?: string;
  explain: boolean;
}

export interface ComposeDeps {
  catalog: Catalog;
  profile: DataProfile;
  /** The previous answer's plan and rows, for "the second one" and "those SKUs" on another report. */
  previousPlan?: Plan;
  previousRows?: PreviousRows;
  /** The rows of the thread's last ranking, for "n the 2nd?" after one of them was picked. */
  rankedRows?: PreviousRows;
  /** The plan before the previous one ("both side by side"). */
  priorPlan?: Plan;
}

export function composePlan(said: Frame, deps: ComposeDeps, base?: Plan): Composed {
  const { catalog } = deps;
  const frame = percentIsRate(said, base, catalog) ? { ...said, share: false, asRate: true } : said;
  const out: Composed = {
    plan: {
      source: 'amazon_sales',
      metrics: [],
      groupBy: [],
      filters: [],
      share: false,
      chart: frame.chart ?? 'auto',
    },
    slots: [],
    notes: [],
    alternatives: [],
    missingFilters: [],
    unavailableDimensions: [],
    unheldMetrics: [],
    explain: frame.explain,
  };
  const sourceSlot = chooseSource(frame, catalog, base?.source);
  const source = sourceSlot.value;
  const sameThread = base && base.source === source ? base : undefined;
  out.plan.source = source;
  out.slots.push({
    name: 'source',
    score: sourceSlot.score,
    ...(sourceSlot.doubt ? { doubt: sourceSlot.doubt } : {}),
  });

  measures(frame, deps, out, source, sameThread);
  const { filters, missing } = resolveFilters(frame, catalog, source);
  out.missingFilters = missing.map((f) => f.text);
  for (const f of filters) if (f.note) out.notes.push(f.note);
  out.slots.push({
    name: 'filter',
    score: Math.min(1, ...filters.map((f) => f.score), missing.length ? 0.3 : 1),
  });
  const groupBy = frame.groupBy.map((g) => g.id);
  for (const g of frame.groupBy.filter((x) => x.shorthand))
    out.notes.push(`Read "${g.shorthand}" as ${catalog.dimensions[g.id]!.label.toLowerCase()}.`);
  out.unavailableDimensions = groupBy.filter((d) => !dimensionSources(catalog, d).includes(source));
  // "now orders per day" after "june run rate? vs may": "per day" names the rate, not a day-by-day series.
  const rateThread = sameThread?.metrics.every((m) => catalog.metrics[m]?.perDay);
  const usable = groupBy.filter(
    (d) =>
      dimensionSources(catalog, d).includes(source) &&
      !(rateThread && catalog.dimensions[d]?.grain === 'day'),
  );
  // "which sizes of it sell best?" after "only the top one": "it" is the one row shown.
  const oneRow =
    sameThread?.limit === 1 && sameThread.groupBy.length === 1 && deps.previousRows?.rows.length === 1;
  if (oneRow && frame.pointsAtIt && !frame.rowPick) frame.rowPick = { index: 1, text: 'it', single: true };
  if (sameThread) {
    out.plan = {
      ...sameThread,
      chart: frame.chart ?? 'auto',
      filters: [...sameThread.filters],
      groupBy: [...sameThread.groupBy],
      metrics: out.plan.metrics,
    };
    const reranked =
      !frame.rank && frame.metrics.length === 1 && frame.metrics[0]!.rankedBy && sameThread.limit;
    if (out.plan.sort && (reranked || !out.plan.metrics.some((m) => out.plan.sort!.by.startsWith(m))))
      out.plan.sort = { ...out.plan.sort, by: out.plan.metrics[0]! };
    applyFollowUpFilters(out.plan, frame, filters, catalog);
    countNarrowedTo(out.plan, sameThread, frame, catalog);
    // "the cancellation rate instead of counts" after "orders that got cancelled": the rate spans every status.
    const spanned = new Set(out.plan.metrics.flatMap((m) => catalog.metrics[m]?.definedOver ?? []));
    if (spanned.size && !sameThread.metrics.some((m) => catalog.metrics[m]?.definedOver))
      out.plan.filters = out.plan.filters.filter((f) => !spanned.has(f.dimension));
    // "remove the colour filter": the filters on the dimensions named go.
    // "forget categories, give it month-wise": the breakdown by it goes too, unless the filter was what was named.
    if (frame.removeDims.length) {
      const filtered = new Set(out.plan.filters.map((f) => f.dimension));
      out.plan.filters = out.plan.filters.filter((f) => !frame.removeDims.includes(f.dimension));
      out.plan.groupBy = out.plan.groupBy.filter((d) => !frame.removeDims.includes(d) || filtered.has(d));
    }
    // "make it 30 lakh" after "states with more than 50 lakh": the number replaces the threshold's.
    const [only] = sameThread.threshold ?? [];
    if (
      only &&
      sameThread.threshold!.length === 1 &&
      !frame.thresholds.length &&
      frame.loneNumbers.length === 1
    )
      out.plan.threshold = [{ ...only, value: frame.loneNumbers[0]! }];
    // "gross revenue" after "excluding cancellations": gross counts every line, so the thread's exclusion goes.
    if (frame.gross) out.plan.filters = out.plan.filters.filter((f) => !isLineExclusion(f, catalog));
    applyFollowUpGrouping(out.plan, frame, usable, filters, catalog, deps.priorPlan);
    // "top three" ranked the thread's rows; "for Kurta, split by size" lists every size of the row picked.
    if (!frame.rank?.n && sameThread.groupBy.some((d) => !out.plan.groupBy.includes(d)))
      delete out.plan.limit;
    listCounted(out.plan, frame, catalog);
    // "how many of those SKUs are out of stock?" after a top 5 by colour: one count, not a count per colour;
    // "their price per piece overall" after a monthly series: one figure.
    if (frame.wholePeriod && !frame.groupBy.length)
      out.plan.groupBy = out.plan.groupBy.filter((d) => !isDateGrain(catalog, d));
    if ((frame.countOf || frame.overall) && !frame.groupBy.length) {
      out.plan.groupBy = [];
      delete out.plan.sort;
      delete out.plan.limit;
    }
  } else {
    out.plan.filters = filters.map((f) => f.filter);
    out.plan.groupBy = newGrouping(usable, filters, frame, catalog);
  }
  // "how many customers" after "top 5 customers": the count of customers, not one row per customer.
  const counted = out.plan.metrics
    .map((m) => catalog.metrics[m]?.countOf)
    .filter((d): d is string => Boolean(d));
  if (counted.length && out.plan.groupBy.some((d) => counted.includes(d))) {
    out.plan.groupBy = out.plan.groupBy.filter((d) => !counted.includes(d));
    delete out.plan.sort;
    delete out.plan.limit;
  }
  if (frame.net) out.plan.metrics = [...new Set(out.plan.metrics.map((m) => netTwinOf(catalog, m) ?? m))];
  // "top 3 cats for b2b" after the B2B share: filtered to B2B, the share is 100% everywhere; the part itself is meant.
  out.plan.metrics = [
    ...new Set(out.plan.metrics.map((m) => partWhenFilteredTo(catalog, m, out.plan.filters))),
  ];
  if (out.plan.sort && !out.plan.metrics.some((m) => out.plan.sort!.by.startsWith(m)))
    out.plan.sort = { ...out.plan.sort, by: out.plan.metrics[0]! };
  if (frame.asRate) asRates(out, catalog);
  if (frame.asCount && base) asCounts(out, catalog);
  if (frame.perDayOfThread) perDayOfThread(out, catalog);
  applyThresholds(frame, catalog, out);
  applyRowPick(out, frame, catalog, base, deps.previousRows, deps.rankedRows);
  // "the lowest month — how many b2b kurta orders": a new measure asked of one picked row is no share of it.
  if (frame.rowPick && frame.metrics.length && !frame.share && out.plan.share) {
    out.plan.share = false;
    delete out.plan.shareWithin;
  }
  applyThoseRows(out, frame, catalog, deps.previousPlan, deps.previousRows);
  if (base) applySplitOfRanked(out, frame, base, deps.previousRows);
  if (base) applySameRows(out, frame, base, deps.previousRows);
  if (base) applyTheyPick(out, frame, catalog, base, deps.previousRows);
  if (base) applyBoth(out, frame, catalog, base, deps.priorPlan);
  applyOtherValue(out, frame, deps.profile, base);
  period(frame, deps, out, sameThread);
  shape(frame, deps, out);
  alternativesFor(out, filters);
  return out;
}

function measures(frame: Frame, deps: ComposeDeps, out: Composed, source: Source, base?: Plan): void {
  const { catalog } = deps;
  const named = [
    ...new Set(
      frame.metrics
        .map((m) => metricOn(catalog, m.id, source))
        .filter((id): id is string => id !== undefined),
    ),
  ];
  // "how many customers each month": the count of a dimension is a measure of its own.
  const counter =
    frame.countOf &&
    Object.entries(catalog.metrics).find(([, m]) => m.source === source && m.countOf === frame.countOf)?.[0];
  if (counter && !named.includes(counter)) named.push(counter);
  // "what does an average customer spend": the per-value average of the measure named (or of the source's main one).
  if (frame.perValueOf) {
    const averaged = Object.entries(catalog.metrics).filter(
      ([, m]) => m.source === source && m.perValue?.dimension === frame.perValueOf,
    );
    const match =
      averaged.find(([, m]) => named.includes(m.perValue!.of)) ?? (named.length ? undefined : averaged[0]);
    if (match) named.splice(0, named.length, match[0]);
    // "average customer spend on Amazon": the report has no customers, so no number stands for it.
    else out.unheldPerValue = frame.perValueOf;
  }
  out.unheldMetrics = [...new Set(frame.metrics.map((m) => m.id))].filter(
    (id) => !metricOn(catalog, id, source),
  );
  // "how much did we sell on Flipkart": a sales question, on a report with no sales.
  const sold = frame.howManySold ? 'units' : 'revenue';
  if (!frame.metrics.length && frame.sold && !metricOn(catalog, sold, source)) out.unheldMetrics.push(sold);
  if (base) {
    // "just the three strongest by revenue out of that": the measure after "by" ranks; the thread's measures stay.
    const ranksOnly =
      frame.rank &&
      named.length &&
      frame.metrics.every((m) => m.rankedBy) &&
      !frame.notMetrics.length &&
      !frame.edits.instead;
    out.plan.metrics = ranksOnly
      ? [...named, ...base.metrics.filter((m) => !named.includes(m))]
      : namedOnlyAsBound(frame)
        ? [...new Set([...base.metrics, ...named])]
        : perDayLike(applyFollowUpMetrics(base.metrics, named, frame), base.metrics, catalog);
    // "and by revenue" after "top 5 customers by pieces": a measure said only after "by" re-ranks the thread.
    const rerankBy =
      base.sort && base.limit && !frame.rank && named.length === 1 && frame.metrics.every((m) => m.rankedBy)
        ? named[0]!
        : undefined;
    if (rerankBy) out.plan.metrics = [rerankBy, ...out.plan.metrics.filter((m) => m !== rerankBy)];
    // "the return rate for those two": the same rows, so the ranking's own measure stays and keeps choosing them.
    const ranked = base.sort && base.limit ? base.sort.by : undefined;
    // "rank them by units instead" re-ranks: the new measure chooses the rows.
    const reranks = Boolean(frame.rank?.worded) || frame.edits.instead;
    if (
      frame.pointsBack &&
      !reranks &&
      ranked &&
      base.metrics.includes(ranked) &&
      !out.plan.metrics.includes(ranked)
    )
      out.plan.metrics = [ranked, ...out.plan.metrics];
    out.slots.push({ name: 'measure', score: 1 });
    return;
  }
  // "which state cancels the most, by cancellation rate": the measure after "by" leads, so the ranking is by it.
  const by = frame.rank && frame.metrics.find((m) => m.rankedBy);
  const lead = by && metricOn(catalog, by.id, source);
  if (lead && named.includes(lead)) named.splice(0, named.length, lead, ...named.filter((m) => m !== lead));
  if (named.length) {
    out.plan.metrics = named;
    out.slots.push({ name: 'measure', score: 1 });
    return;
  }
  const listed = listedMeasure(frame, catalog, source);
  if (listed) {
    out.plan.metrics = [listed.metric];
    out.slots.push({ name: 'measure', score: 0.85 });
    return;
  }
  const counted = catalog.sources[source]?.countedBy;
  if (frame.howMany && counted && !frame.howManySold && catalog.metrics[counted]?.source === source) {
    out.plan.metrics = [counted];
    out.slots.push({ name: 'measure', score: 0.9 });
    return;
  }
  const fallback = defaultMetric(catalog, source, frame);
  if (
    frame.howManySold ||
    (frame.countOf && fallback && catalog.metrics[fallback]!.countOf === frame.countOf)
  ) {
    // "how many blouses did we sell": the verb names the measure.
    out.plan.metrics = [fallback];
    out.slots.push({ name: 'measure', score: 0.9 });
    return;
  }
  out.plan.metrics = [fallback];
  const hasScope =
    frame.groupBy.length ||
    frame.filters.length ||
    frame.times.length ||
    frame.rank ||
    frame.share ||
    frame.growth ||
    frame.trend;
  // No measure named: a size word ("biggest customer", "which category grew") means the business's size, revenue;
  // so does ranking a party that buys ("top customer"); otherwise ("top 5 states", "best performing") the question
  // goes back, with each measure as a button.
  const sized =
    frame.sizeWord || (frame.rank && frame.groupBy.some((g) => catalog.dimensions[g.id]?.rankedBySize));
  // "which wholesale months crossed 15 lakh": a bound in money is on the report's money measure.
  const moneyBound = frame.thresholds.some((t) => t.money) && catalog.metrics[fallback]?.format === 'inr';
  // "which marketplace is priciest": a report with one measure (the price list's MRP) has nothing else to ask about.
  // A count of its rows (SKUs listed) is no second measure to choose from.
  const onlyOne =
    Object.values(catalog.metrics).filter((m) => m.source === source && !m.countOf).length === 1;
  const score =
    (frame.howMuch || moneyBound || onlyOne) && hasScope
      ? 0.8
      : sized && hasScope
        ? 0.6
        : hasScope
          ? 0.45
          : 0.4;
  out.slots.push({ name: 'measure', score, doubt: 'no measure named' });
  out.notes.push(`No measure named, so this shows ${catalog.metrics[fallback]!.label.toLowerCase()}.`);
}

/**
 * A thread's exclusion of order lines a catalog metric counts ("excluding cancellations": the cancelled orders'
 * `asFilter`): what "gross" says is counted after all.
 */
function isLineExclusion(f: Filter, catalog: Catalog): boolean {
  if (f.op !== 'not_in') return false;
  return Object.values(catalog.metrics).some(
    (m) =>
      m.asFilter?.dimension === f.dimension &&
      m.asFilter.values.length === f.values.length &&
      m.asFilter.values.every((v) => f.values.includes(v)),
  );
}

/** A new question's breakdown: the dimensions named, less those pinned to one value, plus "X vs Y" values. */
function newGrouping(usable: string[], filters: ResolvedFilter[], frame: Frame, catalog: Catalog): string[] {
  const pinned = new Set(
    filters
      .filter((f) => f.filter.op === 'in' && distinctValues(f.filter.values) === 1)
      .map((f) => f.filter.dimension),
  );
  const groupBy = usable.filter((d) => !pinned.has(d) || frame.share);
  if (!groupBy.some((d) => !isDateGrain(catalog, d))) {
    const several = filters.find(
      (f) =>
        f.filter.op === 'in' &&
        distinctValues(f.filter.values) > 1 &&
        frame.filters.filter(
          (x) =>
            x.candidates[0]?.dimension === f.filter.dimension || x.boolean?.dimension === f.filter.dimension,
        ).length > 1 &&
        !frame.filters.some((x) => x.orJoined && x.candidates[0]?.dimension === f.filter.dimension) &&
        // Statuses join as one family ("shipped or delivered"), unless set against each other ("… versus …").
        (f.filter.dimension !== 'status' || frame.versusAt !== undefined),
    );
    // "blr + hyd gmv combined": one figure over both.
    if (several && !frame.share && !frame.overall) groupBy.push(several.filter.dimension);
  }
  return groupBy;
}

function period(frame: Frame, deps: ComposeDeps, out: Composed, base?: Plan): void {
  const { catalog, profile } = deps;
  const plan = out.plan;
  const source = plan.source;
  const hasDates = Boolean(catalog.sources[source]?.dateColumn);
  const time = resolvePeriods(frame, profile, source);
  // "orders for that whole week" after "revenue on 26 June": the week around the thread's day.
  const around = frame.times.find((t) => t.spec.kind === 'weekAround')?.spec;
  if (base?.timeRange && around?.kind === 'weekAround') {
    const shown = shownWeek(catalog, base, deps.previousRows);
    time.current = (around.weekend ? weekendAround : weekAround)(shown ?? base.timeRange.from);
    if (shown) plan.groupBy = plan.groupBy.filter((d) => catalog.dimensions[d]?.grain !== 'week');
  }
  if (base?.timeRange && frame.times.some((t) => t.spec.kind === 'quarterAround'))
    time.current = quarterAround(base.timeRange.from);
  if (base?.timeRange && frame.times.some((t) => t.spec.kind === 'monthAround'))
    time.current = monthAround(base.timeRange.from);
  const sameDays = frame.times.find((t) => t.spec.kind === 'sameDaysIn')?.spec;
  if (base?.timeRange && sameDays?.kind === 'sameDaysIn')
    time.current = sameDaysIn(base.timeRange, sameDays.month);
  if (frame.times.length && !hasDates)
    out.notes.push(`${catalog.sources[source]!.label} has no dates, so the period was not applied.`);
  // "drop march" with no period said yet: the data's whole span loses that month at its edge.
  const span = profile.dateRanges[source];
  const whole = base && frame.edits.remove && frame.times.length === 1 && !plan.timeRange && span;
  if (whole) plan.timeRange = { from: span.from, to: span.to, label: `${span.from} to ${span.to}` };
  if (base) {
    applyFollowUpTime(plan, frame, time, catalog);
    if (whole && plan.timeRange?.from === span.from && plan.timeRange.to === span.to) delete plan.timeRange;
  } else {
    if (time.current) plan.timeRange = time.current;
    if (time.compare) plan.compareTo = time.compare;
    else if (time.comparePrevious && time.current) plan.compareTo = 'previous_period';
    else if (time.comparePrevious)
      out.notes.push(
        'There is no period to compare with the one before; name one ("last 14 days vs the fortnight before").',
      );
  }
  const latest = profile.dateRanges[source];
  if (
    frame.growth &&
    hasDates &&
    latest &&
    !plan.compareTo &&
    !plan.groupBy.some((d) => isDateGrain(catalog, d))
  ) {
    // "MoM gmv" with no period: the monthly series, each month against the one before. "aov wow?" is the latest
    // step: the last complete week against the one before (below), as a weekly review reads it.
    if (!plan.timeRange && frame.growthUnit === 'month' && !frame.times.length) {
      plan.groupBy = [frame.growthUnit, ...plan.groupBy];
      plan.stepChange = true;
      out.slots.push({ name: 'period', score: 1 });
      return;
    }
    if (!plan.timeRange) {
      const unit = frame.growthUnit ?? 'month';
      const offset = unit === 'week' ? -1 : 0;
      plan.timeRange = resolvePeriods(
        { ...frame, times: [{ from: 0, to: 0, text: '', spec: { kind: 'calendar', unit, offset } }] },
        profile,
        source,
      ).current!;
      out.notes.push(
        `Growth compares ${unit === 'week' ? 'the last complete week' : `the latest ${unit}`} in the data, ${plan.timeRange.label}, with the ${unit} before.`,
      );
    }
    plan.compareTo = 'previous_period';
  }
  if (frame.eachMonth && hasDates && !plan.compareTo && !plan.groupBy.some((d) => isDateGrain(catalog, d)))
    plan.groupBy = ['month', ...plan.groupBy];
  // "put last week next to the week before" after a weekly series: the two periods named replace the series.
  const twoNamed = Boolean(base) && frame.comparePeriods && frame.times.length === 2 && !frame.groupBy.length;
  if (plan.compareTo && twoNamed) plan.groupBy = plan.groupBy.filter((d) => !isDateGrain(catalog, d));
  if (plan.compareTo && plan.groupBy.some((d) => isDateGrain(catalog, d))) delete plan.compareTo;
  // "week on week through June": a weekly series over the month, not one week against the one before.
  if (
    frame.growthUnit &&
    plan.timeRange &&
    daysBetweenInclusive(plan.timeRange.from, plan.timeRange.to) > (frame.growthUnit === 'week' ? 14 : 62) &&
    !plan.groupBy.some((d) => isDateGrain(catalog, d))
  ) {
    plan.groupBy = [frame.growthUnit, ...plan.groupBy];
    delete plan.compareTo;
  }
  const perDay = plan.metrics.some((m) => catalog.metrics[m]?.perDay);
  if (frame.trend && hasDates && !perDay && !plan.groupBy.some((d) => isDateGrain(catalog, d))) {
    const days = plan.timeRange ? daysBetweenInclusive(plan.timeRange.from, plan.timeRange.to) : Infinity;
    plan.groupBy = [days <= 31 ? 'day' : days <= 120 ? 'week' : 'month', ...plan.groupBy];
    delete plan.compareTo;
  }
  if (frame.growth && hasDates) growthOfSeries(plan, catalog);
  // "only the ones up on last week" while last week is the period shown: no period is compared with itself.
  const compared = plan.compareTo;
  if (compared && compared !== 'previous_period' && plan.timeRange && sameRange(compared, plan.timeRange)) {
    if (base?.compareTo) plan.compareTo = base.compareTo;
    else delete plan.compareTo;
  }
  out.slots.push({ name: 'period', score: 1 });
}

/** Ranking, share and sort: the parts that shape the rows rather than choose them. */
function shape(frame: Frame, deps: ComposeDeps, out: Composed): void {
  const plan = out.plan;
  // "which one is worst?" over returns and the return rate: a judgement is made on the rate.
  const rate = frame.rank?.judged
    ? plan.metrics.find((m) => deps.catalog.metrics[m]?.format === 'percent')
    : undefined;
  const metric = rate ?? plan.metrics[0]!;
  // A share of a rate is no figure (the rates do not add up): a rate asked "as %" is the rate itself.
  const rates = plan.metrics.every((m) => deps.catalog.metrics[m]?.format === 'percent');
  if (frame.share && !rates)
    shareShape(plan, shareTarget(frame, deps.previousPlan, plan), booleanTarget(frame, plan));
  if (frame.rank) {
    const byChange = Boolean(plan.compareTo) && frame.growth && plan.groupBy.length > 0;
    plan.sort = {
      by: byChange ? `${metric}_change` : metric,
      direction: rankDirection(
        frame.rank,
        metric,
        plan,
        deps.catalog,
        byChange && frame.direction === 'down',
      ),
    };
    // "which of those grew": no ranking word, so the rows that moved that way, not the one that moved most.
    if (byChange && !frame.rank.worded && !frame.rank.n) keepMovedRows(plan, frame, deps.previousRows);
    // "which state sold most" shows the whole ranking, best first: the answer names the top and shows the rest.
    const n = frame.rank.n;
    if (n) plan.limit = n;
    // "top 5 by rev" after "how many wholesale customers in feb": the ones counted are what is ranked.
    const counted = countedBefore(frame, deps, plan.source);
    if (!plan.groupBy.length && counted) {
      plan.groupBy = [counted];
      // Each row is one of them, so their count (1 a row) is no measure any more.
      const kept = plan.metrics.filter((m) => deps.catalog.metrics[m]?.countOf !== counted);
      if (kept.length) plan.metrics = kept;
    }
    if (!plan.groupBy.length && (frame.rank.n || frame.rank.which)) {
      if (frame.rank.n) out.slots.push({ name: 'rank', score: 0.3, doubt: `top ${frame.rank.n} of what` });
      delete plan.sort;
      delete plan.limit;
    }
  }
  combine(frame, deps, out);
  if (plan.sort && !plan.groupBy.length) delete plan.sort;
  if (plan.limit && !plan.groupBy.length) delete plan.limit;
  if (plan.share && !plan.groupBy.length) plan.share = false;
}

/** The dimension the thread's answer counted (customers, SKUs), when this question names no breakdown of its own. */
function countedBefore(frame: Frame, deps: ComposeDeps, source: Source): string | undefined {
  const previous = deps.previousPlan;
  if (!previous || previous.source !== source || previous.groupBy.length || frame.groupBy.length)
    return undefined;
  const of = previous.metrics.map((m) => deps.catalog.metrics[m]?.countOf).find(Boolean);
  return of && dimensionSources(deps.catalog, of).includes(source) ? of : undefined;
}

function alternativesFor(out: Composed, filters: ResolvedFilter[]): void {
  for (const f of filters) {
    if (!f.alternative) continue;
    const plan: Plan = {
      ...out.plan,
      filters: out.plan.filters.map((x): Filter =>
        x === findFilter(out.plan, f.filter) ? f.alternative! : x,
      ),
    };
    out.alternatives.push({
      label: `${f.alternative.values.slice(0, 2).join(', ')} as ${f.alternative.dimension}`,
      plan,
    });
  }
}

function findFilter(plan: Plan, f: Filter): Filter | undefined {
  return plan.filters.find((x) => x.dimension === f.dimension && x.op === f.op);
}

/** "top 5 states combined": one row for the ranking's rows together; "which five are those?" lists them again. */
function combine(frame: Frame, deps: ComposeDeps, out: Composed): void {
  const plan = out.plan;
  if (!frame.combined) {
    if (plan.combined && frame.rank) delete plan.combined;
    return;
  }
  if (plan.groupBy.length !== 1 || !plan.limit || !plan.sort) return;
  const summable = plan.metrics.every((m) => deps.catalog.metrics[m]?.additive);
  if (!summable) {
    out.slots.push({ name: 'rank', score: 0.3, doubt: 'groups combined for a measure that does not add up' });
    return;
  }
  plan.combined = true;
}

/** "that week" after "which week was the highest": the week the answer led with, when it was by week. */
function shownWeek(catalog: Catalog, base: Plan, rows: ComposeDeps['previousRows']): string | undefined {
  const week = base.groupBy.find((d) => catalog.dimensions[d]?.grain === 'week');
  const column = week && rows ? rows.columns.indexOf(week) : -1;
  const first = column >= 0 && base.sort ? rows!.rows[0]?.[column] : undefined;
  return typeof first === 'string' ? first : undefined;
}

function partWhenFilteredTo(catalog: Catalog, metric: string, filters: Plan['filters']): string {
  const part = catalog.metrics[metric]?.shareOf;
  const filtered =
    part && filters.some((f) => f.dimension === part.dimension && f.values.includes(part.value));
  return filtered && catalog.metrics[part.of] ? part.of : metric;
}
