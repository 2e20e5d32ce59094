import { isAppError } from '../../errors.js';
import { compilePlan, type CompileOptions, type CompiledPlan } from '../../semantic/compile-plan.js';
import { dataAvailability, planUnavailable } from '../../semantic/data-availability.js';
import type { Plan } from '../../semantic/plan.js';
import { catalogForPlan } from '../../semantic/rollup-router.js';
import type { QueryResult } from '../../warehouse/types.js';
import type { CacheKey } from '../cache/result-cache.js';
import type { GraphDeps } from '../graph-deps.js';
import type { ExtractionError } from '../shared-state.js';

/** What running a query needs: both graphs' extraction nodes run plans the same way. */
export type QueryDeps = Pick<GraphDeps, 'warehouse' | 'catalog' | 'logger' | 'cache' | 'rollups'>;

/** One plan's run: the SQL compiled for it and the rows, or the error (recorded, never thrown). */
export interface PlanRun {
  sql?: string;
  compiled?: CompiledPlan;
  result?: QueryResult;
  error?: ExtractionError;
  fromCache: boolean;
}

/**
 * A Plan is checked against the data that loaded (a report that is missing runs nothing: an empty table would
 * come back as "No orders." with ₹0), compiled by our compiler (from a rollup when one covers it) and run as
 * trusted SQL, from the cache when the same plan ran on the same data before.
 */
export async function runPlan(deps: QueryDeps, plan: Plan, options: CompileOptions = {}): Promise<PlanRun> {
  const unavailable = deps.warehouse.loadReport
    ? planUnavailable(plan, deps.catalog, dataAvailability(deps.warehouse.loadReport))
    : null;
  if (unavailable) return { error: { code: 'DATA_UNAVAILABLE', message: unavailable }, fromCache: false };
  let compiled: CompiledPlan;
  try {
    compiled = compilePlan(plan, catalogForPlan(plan, deps.catalog, deps.rollups), options);
  } catch (error) {
    return { error: toExtractionError(error), fromCache: false };
  }
  const out = await runCached(deps, { plan }, () => deps.warehouse.queryTrusted(compiled.sql));
  return { sql: compiled.sql, compiled, ...out };
}

export async function runCached(
  deps: QueryDeps,
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
