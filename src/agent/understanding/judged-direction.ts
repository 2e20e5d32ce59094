import { keepsLinesOf, type Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import type { FrameRank } from './frame.js';

/**
 * Which way a judgement word ranks: "worst cancellation rate" is the highest one (the catalog says lower is better),
 * and so is "out-of-stock SKU count, worst first": a count kept to bad rows (out of stock, low stock, cancelled,
 * returned) is worse the bigger it is. "top", "lowest", "bottom" stay literal.
 */
export function rankDirection(
  rank: FrameRank,
  metric: string,
  plan: Plan,
  catalog: Catalog,
  fallRanked = false,
): 'asc' | 'desc' {
  // "which category fell the most": the biggest fall is the most negative change, first.
  if (fallRanked) return rank.direction === 'desc' ? 'asc' : 'desc';
  if (!rank.judged) return rank.direction;
  const worseWhenHigher = catalog.metrics[metric]?.lowerIsBetter || countOfBadRows(plan, metric, catalog);
  if (!worseWhenHigher) return rank.direction;
  return rank.direction === 'asc' ? 'desc' : 'asc';
}

function countOfBadRows(plan: Plan, metric: string, catalog: Catalog): boolean {
  if (catalog.metrics[metric]?.format !== 'count') return false;
  const badLines = Object.values(catalog.metrics).filter((m) => m.lowerIsBetter && m.asFilter);
  return plan.filters.some(
    (f) =>
      f.op === 'in' &&
      // The stock thresholds (out of stock, under 5): a shortage, whichever value is kept.
      (catalog.dimensions[f.dimension]?.thresholdOf !== undefined ||
        badLines.some((m) => keepsLinesOf(m, f))),
  );
}
