import type { Catalog } from '../../semantic/catalog.js';
import type { Plan, Source } from '../../semantic/plan.js';
import type { Frame } from './frame.js';

/**
 * Listings: "which kurta SKUs are out of stock?", "list the XL ones" after "how many SKUs are out of stock". The
 * answer is the things themselves, one row each, shown with the report's own measure (a SKU's stock), not a count
 * that is 1 on every row. What is countable comes from the catalog: a metric with `countOf` names its dimension.
 */

/** The dimensions a report counts things by (inventory: sku), from the catalog's `countOf` metrics. */
function countedDimensions(catalog: Catalog, source: Source): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, m] of Object.entries(catalog.metrics))
    if (m.source === source && m.countOf) out.set(m.countOf, id);
  return out;
}

/** The report's own measure: its first metric that counts nothing and averages nothing (stock, wholesale revenue). */
export function ownMeasure(catalog: Catalog, source: Source): string | undefined {
  return Object.entries(catalog.metrics).find(
    ([, m]) => m.source === source && !m.countOf && !m.perValue && !m.perDay,
  )?.[0];
}

/**
 * A new question with no measure named about things picked out by a condition. "which kurta SKUs are OOS?", "list
 * wholesale customers in March": the report's own measure, one row per thing. "Kurta SKUs running low?", with no
 * word asking for the list: how many there are. Undefined when the question is about neither.
 */
export function listedMeasure(
  frame: Frame,
  catalog: Catalog,
  source: Source,
): { metric: string; list: boolean } | undefined {
  const counted = countedDimensions(catalog, source);
  const entity = frame.groupBy.length === 1 ? frame.groupBy[0]!.id : undefined;
  // "top wholesale account last month": a ranking, not a listing.
  if (!entity || !counted.has(entity) || frame.rank?.worded) return undefined;
  const condition = frame.filters.length || frame.thresholds.length || frame.times.length;
  const asksForList = frame.listing || frame.rank?.which;
  if (!condition && !asksForList) return undefined;
  const metric = asksForList ? ownMeasure(catalog, source) : counted.get(entity);
  return metric ? { metric, list: Boolean(asksForList) } : undefined;
}

/**
 * "list the XL ones" after a count of SKUs: the count becomes the SKUs it counted, with the report's own measure.
 * A follow-up that names its own breakdown ("show me those by size") keeps the count.
 */
export function listCounted(plan: Plan, frame: Frame, catalog: Catalog): void {
  if (!frame.listing || frame.groupBy.length) return;
  const counter = plan.metrics.find((m) => catalog.metrics[m]?.countOf);
  const measure = ownMeasure(catalog, plan.source);
  if (!counter || !measure) return;
  plan.groupBy = [catalog.metrics[counter]!.countOf!];
  plan.metrics = [measure, ...plan.metrics.filter((m) => m !== counter && m !== measure)];
  plan.sort = { by: measure, direction: 'desc' };
  delete plan.limit;
}
