import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { dataAvailability, sqlUnavailable } from '../../semantic/data-availability.js';
import { sourceCoverage } from '../data-coverage.js';
import type { GraphDeps } from '../graph-deps.js';
import { emitProgress, progressOf } from '../progress.js';
import type { AgentStateType, AgentStateUpdate } from '../state.js';
import { runCached, runPlan } from './run-query.js';

/**
 * data_extraction: a Plan is compiled by our compiler and run as trusted SQL (run-query.ts); SQL from the LLM runs
 * through the guard (queryGuarded). Results come from the cache when the same query ran on the same data before.
 * Errors are recorded in the state (validation decides whether to repair), never thrown.
 */
export function dataExtractionNode(deps: GraphDeps) {
  return async function dataExtraction(
    state: AgentStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<AgentStateUpdate> {
    const started = performance.now();
    emitProgress(progressOf(config), { kind: 'stage', stage: 'querying' }, deps.logger);
    const timingsMs = () => ({ sql: performance.now() - started });
    const r = state.resolution;
    if (r?.kind === 'sql') {
      const unavailable = deps.warehouse.loadReport
        ? sqlUnavailable(r.sql, deps.catalog, dataAvailability(deps.warehouse.loadReport))
        : null;
      // Nothing is run: an empty table would otherwise come back as "No orders." with ₹0.
      if (unavailable)
        return {
          extractionError: { code: 'DATA_UNAVAILABLE', message: unavailable },
          timingsMs: timingsMs(),
        };
      const out = await runCached(deps, { sql: r.sql }, () => deps.warehouse.queryGuarded(r.sql));
      return {
        sql: r.sql,
        dataResult: out.result,
        extractionError: out.error,
        fromCache: out.fromCache,
        timingsMs: timingsMs(),
      };
    }
    if (!state.plan) {
      return {
        extractionError: { code: 'PLAN_INVALID', message: 'There was no plan to run.' },
        timingsMs: timingsMs(),
      };
    }
    // A comparison whose current period runs past the table's last day is cut like for like.
    const coverage = sourceCoverage(state.plan, deps.catalog, state.schemaInfo);
    const run = await runPlan(deps, state.plan, coverage ? { coverage } : {});
    if (!run.compiled) return { extractionError: run.error, timingsMs: timingsMs() };
    return {
      sql: run.sql,
      compiled: run.compiled,
      dataResult: run.result,
      extractionError: run.error,
      fromCache: run.fromCache,
      timingsMs: timingsMs(),
    };
  };
}
