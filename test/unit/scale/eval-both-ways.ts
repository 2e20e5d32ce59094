import { createPlanner } from '../../../src/agent/planner/planner.js';
import { loadEvalSet } from '../../../src/agent/planner/eval/eval-set.js';
import type { Catalog } from '../../../src/semantic/catalog.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { buildDataProfile } from '../../../src/semantic/data-profile.js';
import type { Plan } from '../../../src/semantic/plan.js';
import { createRollupRouter } from '../../../src/semantic/rollup-router.js';
import type { Warehouse } from '../../../src/warehouse/types.js';

export interface BothWaysReport {
  /** Eval questions the planner turned into a plan. */
  planned: number;
  /** Of those, answered from a rollup (and compared with the detail answer). */
  routed: { id: string; table: string }[];
  mismatches: string[];
}

/**
 * Every eval question (test/eval/questions.yml, follow-ups in their threads) → the offline planner's plan → the
 * SQL over the detail table and, when the router covers it, over a rollup. Both run on the same warehouse; the
 * columns (names and types) and every row must be identical.
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
    const decision = router.route(r.plan, catalog);
    if (decision.target !== 'rollup') continue;
    report.routed.push({ id: item.id, table: decision.table });
    const detail = await warehouse.queryTrusted(compilePlan(r.plan, catalog).sql);
    const rolled = await warehouse.queryTrusted(compilePlan(r.plan, decision.catalog).sql);
    const same =
      JSON.stringify(detail.columns) === JSON.stringify(rolled.columns) &&
      JSON.stringify(detail.rows) === JSON.stringify(rolled.rows) &&
      detail.truncated === rolled.truncated;
    if (!same)
      report.mismatches.push(
        `${item.id} "${item.question}": detail ${JSON.stringify(detail.columns)} ${JSON.stringify(detail.rows.slice(0, 3))} vs rollup ${JSON.stringify(rolled.columns)} ${JSON.stringify(rolled.rows.slice(0, 3))}`,
      );
  }
  return report;
}
