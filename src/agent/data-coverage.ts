import type { Catalog } from '../semantic/catalog.js';
import { intersect, type DateSpan } from '../semantic/bucket-coverage.js';
import type { Plan } from '../semantic/plan.js';
import type { SchemaInfo } from '../warehouse/types.js';

/** The dates a plan's table holds (its first and last date as loaded), per table: each source ends on its own day. */
export function sourceCoverage(plan: Plan, catalog: Catalog, schema: SchemaInfo): DateSpan | undefined {
  const table = catalog.sources[plan.source]?.table;
  const range = schema.tables.find((t) => t.name === table || t.name === plan.source)?.dateRange;
  return range ? { from: range.from, to: range.to } : undefined;
}

/** The days a plan's result can cover: the table's coverage narrowed to the plan's period. */
export function planCoverage(plan: Plan, catalog: Catalog, schema: SchemaInfo): DateSpan | undefined {
  const table = sourceCoverage(plan, catalog, schema);
  if (!table) return undefined;
  return intersect(table, plan.timeRange) ?? undefined;
}
