import type { Catalog } from '../../semantic/catalog.js';
import type { Threshold } from '../../semantic/plan.js';
import type { Composed } from './compose-plan.js';
import type { Frame, FrameThreshold } from './frame.js';
import { defaultMetric, metricOn } from './resolve-slots.js';

/**
 * Thresholds → Plan: "how many days in May crossed 9 lakh in revenue" counts the days whose revenue passes;
 * "which sizes are under 10 units" keeps the sizes that pass. Each condition is about the measure named nearest
 * to its number ("9 lakh in revenue", "orders go over 1500"), else the plan's first measure. A threshold with
 * nothing to keep (no breakdown, no "how many X") is said to be unsupported rather than dropped.
 */
export function applyThresholds(frame: Frame, catalog: Catalog, out: Composed): void {
  if (!frame.thresholds.length) return;
  const plan = out.plan;
  const counting = frame.countOf && !plan.groupBy.length ? frame.countOf : undefined;
  if (counting) {
    plan.groupBy = [counting];
    plan.countGroups = true;
    // The count of SKUs is the answer's own column now; the condition needs the measure it is about.
    plan.metrics = plan.metrics.filter((m) => catalog.metrics[m]?.countOf !== counting);
  }
  if (!plan.groupBy.length) {
    out.unsupported = 'a threshold with nothing to count or list';
    return;
  }
  const conditions = frame.thresholds.map((t) => conditionOf(t, frame, catalog, out));
  for (const c of conditions) if (!plan.metrics.includes(c.metric)) plan.metrics.push(c.metric);
  plan.threshold = conditions;
  // "running low, under 10 units": the upper bound said replaces the yes/no's own fixed one ("under 5").
  const measured = new Set(conditions.filter((c) => c.op === 'lt' || c.op === 'lte').map((c) => c.metric));
  // "not fully OOS" (an excluded level) is a lower bound, so it stays beside the upper one.
  plan.filters = plan.filters.filter((f) => {
    const of = catalog.dimensions[f.dimension]?.thresholdOf;
    return !of || f.op === 'not_in' || !measured.has(metricOn(catalog, of, plan.source) ?? of);
  });
  if (plan.countGroups) {
    delete plan.sort;
    delete plan.limit;
  }
}

function conditionOf(t: FrameThreshold, frame: Frame, catalog: Catalog, out: Composed): Threshold {
  const source = out.plan.source;
  const onSource = frame.metrics
    .map((m) => ({ id: metricOn(catalog, m.id, source), at: m.at }))
    .filter((m): m is { id: string; at: number } => m.id !== undefined);
  // A measure just after the number ("9 lakh in revenue", "five pcs") is what it is about; else the nearest.
  const after = onSource.find((m) => m.at > t.at && m.at <= t.at + 3);
  const nearest = [...onSource].sort((a, b) => Math.abs(a.at - t.at) - Math.abs(b.at - t.at))[0];
  // With no measure named, the report's main measure (stock, revenue), never the count being answered.
  const named = t.metric && metricOn(catalog, t.metric, source);
  const metric =
    (named || undefined) ??
    after?.id ??
    nearest?.id ??
    out.plan.metrics[0] ??
    defaultMetric(catalog, source, { ...frame, countOf: undefined });
  // Rates are ratios: "above 5%" and "return rate above 5" both mean 0.05; "over 0.2" is already one.
  const rate = catalog.metrics[metric]?.format === 'percent';
  const value = rate && (t.percent || t.value > 1) ? t.value / 100 : t.value;
  return { metric, op: t.op, value };
}

/**
 * "only states w 1000+ orders" after AOV by state: a measure said only as a bound's unit ("1000+ orders") keeps the
 * rows' own measure; it joins it, for the bound to be about.
 */
export function namedOnlyAsBound(frame: Frame): boolean {
  return (
    frame.metrics.length > 0 &&
    !frame.edits.instead &&
    frame.metrics.every((m) => frame.thresholds.some((t) => m.at > t.at && m.at <= t.at + 3))
  );
}
