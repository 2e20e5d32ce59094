import { keepsLinesOf, type Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import type { Composed } from './compose-plan.js';
import type { Frame } from './frame.js';

// Measures turned into rates by a follow-up: per day ("the avg per day on that", a run rate's thread) and as a rate
// of what the thread counted ("make it a rate").

/**
 * "redo it on net revenue" after a daily run rate: the thread asks per day, so the new measure is its per-day twin
 * (the catalog's perDay metric `of` it), when there is one.
 */
export function perDayLike(metrics: string[], previous: string[], catalog: Catalog): string[] {
  if (!previous.length || !previous.every((m) => catalog.metrics[m]?.perDay)) return metrics;
  const twin = (id: string) =>
    catalog.metrics[id]?.perDay
      ? id
      : (Object.entries(catalog.metrics).find(([, m]) => m.perDay && m.of === id)?.[0] ?? id);
  return [...new Set(metrics.map(twin))];
}

/** The measure with a rate whose filter the plan's filters are: "lines cancelled" is cancellations' lines. */
function filteredCountOf(plan: Plan, catalog: Catalog): Catalog['metrics'][string] | undefined {
  return Object.values(catalog.metrics).find(
    (m) => m.asRate && plan.filters.some((f) => f.op === 'in' && keepsLinesOf(m, f)),
  );
}

/**
 * "as %" after "cancelled lines by day": the share of the lines that were cancelled, which is the cancellation rate
 * (a share of the cancelled lines alone would be 100 % each day).
 */
export function percentIsRate(frame: Frame, base: Plan | undefined, catalog: Catalog): boolean {
  if (!frame.share || frame.metrics.length || frame.groupBy.length || frame.filters.length || !base)
    return false;
  const counts = base.metrics.length > 0 && base.metrics.every((m) => catalog.metrics[m]?.format === 'count');
  return counts && filteredCountOf(base, catalog) !== undefined;
}

export function asRates(out: Composed, catalog: Catalog): void {
  // "as a rate" after "lines cancelled": a count filtered to what a measure with a rate counts is that rate.
  const filteredTo = filteredCountOf(out.plan, catalog);
  const rates = out.plan.metrics.map(
    (m) =>
      catalog.metrics[m]?.asRate ??
      (filteredTo && catalog.metrics[m]?.format === 'count' ? filteredTo.asRate! : m),
  );
  if (rates.every((r, k) => r === out.plan.metrics[k])) {
    out.slots.push({ name: 'measure', score: 0.3, doubt: 'which rate "rate" means' });
    return;
  }
  out.plan.metrics = [...new Set(rates)];
  const spanned = new Set(out.plan.metrics.flatMap((m) => catalog.metrics[m]?.definedOver ?? []));
  out.plan.filters = out.plan.filters.filter((f) => !spanned.has(f.dimension));
  if (out.plan.sort) out.plan.sort = { ...out.plan.sort, by: out.plan.metrics[0]! };
}

/** "count pls not %" after return rate by category: the count each rate is of (the catalog's `asRate` twin). */
export function asCounts(out: Composed, catalog: Catalog): void {
  const countOf = (rate: string) => Object.entries(catalog.metrics).find(([, m]) => m.asRate === rate)?.[0];
  const counts = out.plan.metrics.map((m) => countOf(m) ?? m);
  if (counts.every((c, k) => c === out.plan.metrics[k])) return;
  out.plan.metrics = [...new Set(counts)];
  out.plan.share = false;
  if (out.plan.sort) out.plan.sort = { ...out.plan.sort, by: out.plan.metrics[0]! };
}

/** "whats the avg per day on that" after a daily series: one figure, the per-day rate of the thread's measure. */
export function perDayOfThread(out: Composed, catalog: Catalog): void {
  const rated = out.plan.metrics.map(
    (m) => Object.entries(catalog.metrics).find(([, def]) => def.perDay && def.of === m)?.[0],
  );
  if (!rated.length || rated.some((id) => id === undefined)) {
    out.slots.push({ name: 'measure', score: 0.3, doubt: 'which measure to average per day' });
    return;
  }
  out.plan.metrics = rated as string[];
  out.plan.groupBy = out.plan.groupBy.filter((d) => catalog.dimensions[d]?.grain !== 'day');
  delete out.plan.sort;
  delete out.plan.limit;
}
