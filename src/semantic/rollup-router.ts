import { ROLLUPS, type RollupDefinition } from '../warehouse/rollups/rollup-definitions.js';
import { METRIC_TRANSLATIONS } from '../warehouse/rollups/metric-translations.js';
import type { Catalog } from './catalog.js';
import type { Plan } from './plan.js';

/**
 * Decides whether a plan can be answered from a rollup table, and if so returns a catalog in which the plan's
 * source reads the rollup: the same compiler (compilePlan) then produces the same query shape (filters, shares,
 * comparisons, ordering) over the pre-aggregated rows, so the numbers are identical by construction of the
 * metric translations (src/warehouse/rollups/metric-translations.ts, tested against the detail path).
 *
 * A plan is covered when its source has rollups, every metric has a translation that matches the catalog's
 * current SQL (distinct counts never do), and every group-by and filter dimension is a date grain or a column
 * the rollup keeps. The first (smallest) covering rollup wins.
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

  for (const id of plan.metrics) {
    const t = METRIC_TRANSLATIONS[id];
    if (!t) return detail(`metric ${id} is not additive (distinct count or average over rows)`);
    if (catalog.metrics[id]?.sql !== t.detailSql)
      return detail(`metric ${id} changed in the catalog since its rollup translation was written`);
  }

  const needsOrderCount = plan.metrics.some((id) => METRIC_TRANSLATIONS[id]!.needsOrderCount);
  const dimensionIds = [...new Set([...plan.groupBy, ...plan.filters.map((f) => f.dimension)])];
  let lastReason = needsOrderCount ? 'no rollup with verified order counts covers the plan' : '';
  for (const rollup of candidates) {
    if (needsOrderCount && !rollup.orderCount) continue;
    const overrides: Record<string, string> = {};
    let covered = true;
    for (const id of dimensionIds) {
      const dim = catalog.dimensions[id];
      if (!dim) {
        covered = false;
        lastReason = `unknown dimension ${id}`;
        break;
      }
      if (dim.grain) continue;
      const expr = dim.columns[plan.source];
      const column = rollup.columns.find((c) => c.detailExpr === expr);
      if (!column) {
        covered = false;
        lastReason = `dimension ${id} is not kept in any rollup`;
        break;
      }
      if (column.name !== expr) overrides[id] = column.name;
    }
    if (!covered) continue;
    return {
      target: 'rollup',
      table: rollup.table,
      catalog: rollupCatalog(catalog, plan, rollup, overrides),
    };
  }
  return detail(lastReason);
}

function rollupCatalog(
  catalog: Catalog,
  plan: Plan,
  rollup: RollupDefinition,
  dimensionOverrides: Record<string, string>,
): Catalog {
  const metrics = { ...catalog.metrics };
  for (const id of plan.metrics) metrics[id] = { ...metrics[id]!, sql: METRIC_TRANSLATIONS[id]!.rollupSql };
  const dimensions = { ...catalog.dimensions };
  for (const [id, column] of Object.entries(dimensionOverrides))
    dimensions[id] = { ...dimensions[id]!, columns: { ...dimensions[id]!.columns, [plan.source]: column } };
  return {
    ...catalog,
    sources: { ...catalog.sources, [plan.source]: { ...catalog.sources[plan.source]!, table: rollup.table } },
    metrics,
    dimensions,
  };
}

/** The catalog to compile a plan with: the rollup's when the router covers the plan, the detail one otherwise. */
export function catalogForPlan(plan: Plan, catalog: Catalog, router?: RollupRouter | null): Catalog {
  return router ? router.route(plan, catalog).catalog : catalog;
}
