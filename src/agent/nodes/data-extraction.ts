import { isAppError } from '../../errors.js';
import { compilePlan, type CompiledPlan } from '../../semantic/compile-plan.js';
import { dataAvailability, planUnavailable, sqlUnavailable } from '../../semantic/data-availability.js';
import type { Plan } from '../../semantic/plan.js';
import { catalogForPlan } from '../../semantic/rollup-router.js';
import type { QueryResult } from '../../warehouse/types.js';
import type { CacheKey } from '../cache/result-cache.js';
import { sourceCoverage } from '../data-coverage.js';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { GraphDeps } from '../graph-deps.js';
import { emitProgress, progressOf } from '../progress.js';
import type { AgentStateType, AgentStateUpdate, ExtractionError, SummaryPart } from '../state.js';

/**
 * data_extraction: a Plan is compiled by our compiler and run as trusted SQL; SQL from the LLM runs through the
 * guard (queryGuarded). Results come from the cache when the same plan ran on the same data before. Errors are
 * recorded in the state (validation decides whether to repair), never thrown.
 */
export function dataExtractionNode(deps: GraphDeps) {
  return async function dataExtraction(
    state: AgentStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<AgentStateUpdate> {
    const started = performance.now();
    emitProgress(progressOf(config), { kind: 'stage', stage: 'querying' }, deps.logger);
    if (state.queryType === 'summary') {
      const parts: SummaryPart[] = [];
      // One after another: DuckDB runs them on one connection anyway, and the order keeps logs readable.
      for (const part of state.summaryParts) parts.push(await runPart(deps, part));
      const kpis = parts.find((p) => p.id === 'kpis');
      return {
        summaryParts: parts,
        sql: kpis?.sql,
        compiled: kpis?.compiled,
        dataResult: kpis?.result,
        extractionError: kpis?.error,
        timingsMs: { sql: performance.now() - started },
      };
    }

    const r = state.resolution;
    const availability = deps.warehouse.loadReport ? dataAvailability(deps.warehouse.loadReport) : null;
    const unavailable =
      availability &&
      (r?.kind === 'sql'
        ? sqlUnavailable(r.sql, deps.catalog, availability)
        : state.plan
          ? planUnavailable(state.plan, deps.catalog, availability)
          : null);
    if (unavailable) {
      // Nothing is run: an empty table would otherwise come back as "No orders." with ₹0.
      return {
        extractionError: { code: 'DATA_UNAVAILABLE', message: unavailable },
        timingsMs: { sql: performance.now() - started },
      };
    }
    if (r?.kind === 'sql') {
      const out = await runCached(deps, { sql: r.sql }, () => deps.warehouse.queryGuarded(r.sql));
      return {
        sql: r.sql,
        dataResult: out.result,
        extractionError: out.error,
        fromCache: out.fromCache,
        timingsMs: { sql: performance.now() - started },
      };
    }
    if (!state.plan) {
      return {
        extractionError: { code: 'PLAN_INVALID', message: 'There was no plan to run.' },
        timingsMs: { sql: performance.now() - started },
      };
    }
    let compiled: CompiledPlan;
    try {
      const coverage = sourceCoverage(state.plan, deps.catalog, state.schemaInfo);
      compiled = compilePlan(
        state.plan,
        catalogForPlan(state.plan, deps.catalog, deps.rollups),
        coverage ? { coverage } : {},
      );
    } catch (error) {
      return {
        extractionError: toExtractionError(error),
        timingsMs: { sql: performance.now() - started },
      };
    }
    const plan: Plan = state.plan;
    const out = await runCached(deps, { plan }, () => deps.warehouse.queryTrusted(compiled.sql));
    return {
      sql: compiled.sql,
      compiled,
      dataResult: out.result,
      extractionError: out.error,
      fromCache: out.fromCache,
      timingsMs: { sql: performance.now() - started },
    };
  };
}

async function runPart(deps: GraphDeps, part: SummaryPart): Promise<SummaryPart> {
  const unavailable = deps.warehouse.loadReport
    ? planUnavailable(part.plan, deps.catalog, dataAvailability(deps.warehouse.loadReport))
    : null;
  if (unavailable) return { ...part, error: { code: 'DATA_UNAVAILABLE', message: unavailable } };
  let compiled: CompiledPlan;
  try {
    compiled = compilePlan(part.plan, catalogForPlan(part.plan, deps.catalog, deps.rollups));
  } catch (error) {
    return { ...part, error: toExtractionError(error) };
  }
  const out = await runCached(deps, { plan: part.plan }, () => deps.warehouse.queryTrusted(compiled.sql));
  return {
    ...part,
    sql: compiled.sql,
    compiled,
    ...(out.result ? { result: out.result } : {}),
    ...(out.error ? { error: out.error } : {}),
  };
}

async function runCached(
  deps: GraphDeps,
  key: CacheKey,
  run: () => Promise<QueryResult>,
): Promise<{ result?: QueryResult; error?: ExtractionError; fromCache: boolean }> {
  const cached = deps.cache ? await deps.cache.get(key) : null;
  if (cached) return { result: cached, fromCache: true };
  try {
    const result = await run();
    if (deps.cache && !result.truncated) await deps.cache.set(key, result);
    return { result, fromCache: false };
  } catch (error) {
    deps.logger.info({ err: error }, 'query failed');
    return { error: toExtractionError(error), fromCache: false };
  }
}

export function toExtractionError(error: unknown): ExtractionError {
  // The detail (e.g. DuckDB's "column not found") goes to the resolver on a repair pass, never to the user.
  const detail = error instanceof Error ? error.message.slice(0, 400) : undefined;
  if (isAppError(error))
    return { code: error.code, message: error.userMessage, ...(detail ? { detail } : {}) };
  return { code: 'QUERY_FAILED', message: 'The query failed.', ...(detail ? { detail } : {}) };
}
