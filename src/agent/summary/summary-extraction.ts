import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { emitProgress, progressOf } from '../progress.js';
import { runPlan, type QueryDeps } from '../nodes/run-query.js';
import type { SummaryPart, SummaryStateType, SummaryStateUpdate } from './summary-state.js';

/** summary_extraction: each part's plan runs as a question's would (run-query.ts); a failed part keeps its error. */
export function summaryExtractionNode(deps: QueryDeps) {
  return async function summaryExtraction(
    state: SummaryStateType,
    config?: LangGraphRunnableConfig,
  ): Promise<SummaryStateUpdate> {
    const started = performance.now();
    emitProgress(progressOf(config), { kind: 'stage', stage: 'querying' }, deps.logger);
    const parts: SummaryPart[] = [];
    // One after another: DuckDB runs them on one connection anyway, and the order keeps logs readable.
    for (const part of state.summaryParts) {
      const { sql, compiled, result, error } = await runPlan(deps, part.plan);
      parts.push({
        ...part,
        ...(sql ? { sql } : {}),
        ...(compiled ? { compiled } : {}),
        ...(result ? { result } : {}),
        ...(error ? { error } : {}),
      });
    }
    return { summaryParts: parts, timingsMs: { sql: performance.now() - started } };
  };
}
