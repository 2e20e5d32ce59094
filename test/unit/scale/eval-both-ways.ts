import { createPlanner } from '../../../src/agent/understanding/planner.js';
import { loadEvalSet } from '../../../src/agent/eval/eval-set.js';
import type { Catalog } from '../../../src/semantic/catalog.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { buildDataProfile } from '../../../src/semantic/data-profile.js';
import { parsePlan, type Plan, type PlanInput } from '../../../src/semantic/plan.js';
import { createRollupRouter, type RollupRouter } from '../../../src/semantic/rollup-router.js';
import type { Warehouse } from '../../../src/warehouse/types.js';

export interface BothWaysReport {
  /** Eval questions the planner turned into a plan. */
  planned: number;
  /** Of those, answered from a rollup (and compared with the detail answer). */
  routed: { id: string; table: string }[];
  mismatches: string[];
}

/**
 * Every question of the tuning set (test/eval/tuning.yml, follow-ups in their threads) → the offline planner's
 * plan → the SQL over the detail table and, when the router covers it, over a rollup; then a few plans for the
 * paths the eval set does not reach. Both run on the same warehouse; the columns (names and types) and every row must be
 * identical.
 */
export async function answerEvalBothWays(warehouse: Warehouse, catalog: Catalog): Promise<BothWaysReport> {
  const profile = await buildDataProfile(warehouse, catalog);
  const planner = createPlanner({ catalog, profile });
  const router = createRollupRouter(warehouse.rollupTables ?? []);
  const lastPlan = new Map<string, Plan>();
  const report: BothWaysReport = { planned: 0, routed: [], mismatches: [] };
  for (const item of loadEvalSet()) {
    const thread = item.thread ?? item.id;
    const previousPlan = lastPlan.get(thread);
    const r = planner.resolveSync({
      question: item.question,
      history: [],
      ...(previousPlan ? { previousPlan } : {}),
    });
    if (r.kind !== 'plan') continue;
    lastPlan.set(thread, r.plan);
    report.planned++;
    await compareBothWays(warehouse, catalog, router, item.id, item.question, r.plan, report);
  }
  for (const extra of EXTRA_PLANS) {
    const plan = parsePlan(extra.plan);
    report.planned++;
    await compareBothWays(warehouse, catalog, router, extra.id, extra.label, plan, report);
  }
  return report;
}

/**
 * Plans the eval set's questions do not produce but the router has paths for: the product rollup (promotion
 * flag stored under another column name, size × category), a share of orders by category whose total reads
 * another rollup, and order counts pinned to one size by a filter.
 */
const EXTRA_PLANS: { id: string; label: string; plan: PlanInput }[] = [
  {
    id: 'x-promo',
    label: 'revenue with a promotion, by month',
    plan: {
      source: 'amazon_sales',
      metrics: ['revenue', 'units'],
      groupBy: ['month'],
      filters: [{ dimension: 'promotion', op: 'in', values: [true] }],
    },
  },
  {
    id: 'x-size-category',
    label: 'units by size and category',
    plan: { source: 'amazon_sales', metrics: ['units'], groupBy: ['size', 'category'] },
  },
  {
    id: 'x-orders-share',
    label: 'share of orders by category',
    plan: { source: 'amazon_sales', metrics: ['orders', 'revenue'], groupBy: ['category'], share: true },
  },
  {
    id: 'x-orders-one-size',
    label: 'orders of size M by state',
    plan: {
      source: 'amazon_sales',
      metrics: ['orders', 'aov'],
      groupBy: ['state'],
      filters: [{ dimension: 'size', op: 'in', values: ['M'] }],
    },
  },
];

async function compareBothWays(
  warehouse: Warehouse,
  catalog: Catalog,
  router: RollupRouter,
  id: string,
  question: string,
  plan: Plan,
  report: BothWaysReport,
): Promise<void> {
  const decision = router.route(plan, catalog);
  if (decision.target !== 'rollup') return;
  report.routed.push({ id, table: decision.table });
  const detail = await warehouse.queryTrusted(compilePlan(plan, catalog).sql);
  const rolled = await warehouse.queryTrusted(compilePlan(plan, decision.catalog).sql);
  const same =
    JSON.stringify(detail.columns) === JSON.stringify(rolled.columns) &&
    JSON.stringify(detail.rows) === JSON.stringify(rolled.rows) &&
    detail.truncated === rolled.truncated;
  if (!same)
    report.mismatches.push(
      `${id} "${question}": detail ${JSON.stringify(detail.columns)} ${JSON.stringify(detail.rows.slice(0, 3))} vs rollup ${JSON.stringify(rolled.columns)} ${JSON.stringify(rolled.rows.slice(0, 3))}`,
    );
}
