import { ROLLUPS, type RollupDefinition } from '../warehouse/rollups/rollup-definitions.js';
import { translateMetric, type MetricTranslation } from '../warehouse/rollups/metric-translations.js';
import type { Catalog } from './catalog.js';
import type { Plan } from './plan.js';

/**
 * Decides whether a plan can be answered from a rollup table, and if so returns a catalog in which the plan's
 * source reads the rollup: the same compiler (compilePlan) then produces the same query shape (filters, shares,
 * comparisons, ordering) over the pre-aggregated rows, so the numbers are identical by construction of the
 * metric translations (src/warehouse/rollups/metric-translations.ts, derived from the catalog's SQL and tested
 * against the detail path).
 *
 * A plan is covered when its source has rollups, every metric's SQL has a rollup form (distinct counts other than
 * orders never do), and every group-by and filter dimension, and every column a metric's FILTER reads, is a date
 * grain or a column the rollup keeps. Order counts need a rollup whose counts were verified, and a rollup that
 * counts orders per category (or size) only when each result row stays within one category. The first
 * (smallest) covering rollup wins.
 */
export type RouteDecision =
  | { target: 'rollup'; table: string; catalog: Catalog }
  | { target: 'detail'; reason: string; catalog: Catalog };

export interface RollupRouter {
  route(plan: Plan, catalog: Catalog): RouteDecision;
  /** The rollup tables this router may use (present in the database). */
  readonly tables: readonly string[];
}

export function createRollupRouter(availableTables: readonly string[]): RollupRouter {
  const available = ROLLUPS.filter((r) => availableTables.includes(r.table));
  return {
    tables: available.map((r) => r.table),
    route(plan, catalog) {
      return routePlan(plan, catalog, available);
    },
  };
}

export function routePlan(
  plan: Plan,
  catalog: Catalog,
  rollups: readonly RollupDefinition[] = ROLLUPS,
): RouteDecision {
  const detail = (reason: string): RouteDecision => ({ target: 'detail', reason, catalog });
  const candidates = rollups.filter((r) => r.source === plan.source);
  if (!candidates.length) return detail(`no rollup for ${plan.source}`);
  const source = catalog.sources[plan.source];
  if (!source || source.dateColumn !== candidates[0]!.dateColumn)
    return detail(`${plan.source} does not match the rollups' date column`);

  const translations: Record<string, MetricTranslation> = {};
  for (const id of plan.metrics) {
    const t = catalog.metrics[id] && translateMetric(catalog.metrics[id].sql);
    if (!t)
      return detail(`metric ${id} has no rollup form (a distinct count or an aggregate no rollup stores)`);
    translations[id] = t;
  }

  const needsOrderCount = plan.metrics.some((id) => translations[id]!.needsOrderCount);
  const filterColumns = new Set(plan.metrics.flatMap((id) => translations[id]!.filterColumns));
  let lastReason = needsOrderCount ? 'no rollup with verified order counts covers the plan' : '';
  for (const rollup of candidates) {
    if (needsOrderCount && !rollup.orderCount) continue;
    const missing = [...filterColumns].find(
      (c) => !rollup.columns.some((k) => k.name === c && k.detailExpr === c),
    );
    if (missing) {
      lastReason = `a metric filters on ${missing}, which ${rollup.table} does not keep`;
      continue;
    }
    const coverage = cover(plan, catalog, rollup);
    if ('reason' in coverage) {
      lastReason = coverage.reason;
      continue;
    }
    if (needsOrderCount && rollup.orderSplitColumn && !pinsSplitColumn(plan, catalog, rollup)) {
      lastReason = `orders are counted per ${rollup.orderSplitColumn} in ${rollup.table}, and the plan does not keep to one ${rollup.orderSplitColumn} per row`;
      continue;
    }
    let shareTotalTable: string | undefined;
    if (plan.shareWithin?.length && translations[plan.metrics[0]!]!.needsOrderCount) {
      lastReason = `a share within groups of ${plan.metrics[0]} is counted from the order lines`;
      continue;
    }
    if (plan.share && translations[plan.metrics[0]!]!.needsOrderCount && rollup.orderSplitColumn) {
      // The share's total leaves out filters on grouped dimensions; grouped by the split column, that total
      // spans its values, so it cannot be summed here and must come from a rollup that covers it on its own.
      const total = totalTable(plan, catalog, rollups, coverage.overrides);
      if (!total) {
        lastReason = `the share's total of ${plan.metrics[0]} is not covered by a rollup`;
        continue;
      }
      if (total !== rollup.table) shareTotalTable = total;
    }
    return {
      target: 'rollup',
      table: rollup.table,
      catalog: rollupCatalog(catalog, plan, rollup, translations, coverage.overrides, shareTotalTable),
    };
  }
  return detail(lastReason);
}

/** Whether the rollup keeps every group-by and filter dimension of the plan, and under which column names. */
function cover(
  plan: Plan,
  catalog: Catalog,
  rollup: RollupDefinition,
): { overrides: Record<string, string> } | { reason: string } {
  const overrides: Record<string, string> = {};
  for (const id of new Set([...plan.groupBy, ...plan.filters.map((f) => f.dimension)])) {
    const dim = catalog.dimensions[id];
    if (!dim) return { reason: `unknown dimension ${id}` };
    if (dim.grain) continue;
    const expr = dim.columns[plan.source];
    const column = rollup.columns.find((c) => c.detailExpr === expr);
    if (!column) return { reason: `dimension ${id} is not kept in any rollup` };
    if (column.name !== expr) overrides[id] = column.name;
  }
  return { overrides };
}

/**
 * Every row of the plan's result holds one value of the rollup's split column: the plan groups by it, or filters
 * it to a single value. Only then are its per-value order counts summed within one value.
 */
function pinsSplitColumn(plan: Plan, catalog: Catalog, rollup: RollupDefinition): boolean {
  const split = rollup.columns.find((c) => c.name === rollup.orderSplitColumn);
  if (!split) return false;
  const isSplit = (id: string) => catalog.dimensions[id]?.columns[plan.source] === split.detailExpr;
  return (
    plan.groupBy.some(isSplit) ||
    plan.filters.some((f) => isSplit(f.dimension) && f.op === 'in' && f.values.length === 1)
  );
}

/** The rollup that answers the share's total (first metric, filters on ungrouped dimensions, same period). */
function totalTable(
  plan: Plan,
  catalog: Catalog,
  rollups: readonly RollupDefinition[],
  overrides: Record<string, string>,
): string | undefined {
  const totalPlan: Plan = {
    ...plan,
    metrics: [plan.metrics[0]!],
    groupBy: [],
    filters: plan.filters.filter((f) => !plan.groupBy.includes(f.dimension)),
    share: false,
    compareTo: undefined,
  };
  const decision = routePlan(totalPlan, catalog, rollups);
  if (decision.target !== 'rollup') return undefined;
  // The total is compiled with the grouped rows' catalog, so its filter columns must have the same names there.
  const total = rollups.find((r) => r.table === decision.table)!;
  const totalCover = cover(totalPlan, catalog, total);
  if ('reason' in totalCover) return undefined;
  const same = totalPlan.filters.every((f) => totalCover.overrides[f.dimension] === overrides[f.dimension]);
  return same ? decision.table : undefined;
}

function rollupCatalog(
  catalog: Catalog,
  plan: Plan,
  rollup: RollupDefinition,
  translations: Record<string, MetricTranslation>,
  dimensionOverrides: Record<string, string>,
  shareTotalTable?: string,
): Catalog {
  const metrics = { ...catalog.metrics };
  for (const id of plan.metrics) metrics[id] = { ...metrics[id]!, sql: translations[id]!.rollupSql };
  const dimensions = { ...catalog.dimensions };
  for (const [id, column] of Object.entries(dimensionOverrides))
    dimensions[id] = { ...dimensions[id]!, columns: { ...dimensions[id]!.columns, [plan.source]: column } };
  return {
    ...catalog,
    sources: {
      ...catalog.sources,
      [plan.source]: {
        ...catalog.sources[plan.source]!,
        table: rollup.table,
        ...(shareTotalTable ? { shareTotalTable } : {}),
      },
    },
    metrics,
    dimensions,
  };
}

/** The catalog to compile a plan with: the rollup's when the router covers the plan, the detail one otherwise. */
export function catalogForPlan(plan: Plan, catalog: Catalog, router?: RollupRouter | null): Catalog {
  return router ? router.route(plan, catalog).catalog : catalog;
}
