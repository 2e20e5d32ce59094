import type { LlmUsage } from '../answer.js';
import type { GraphDeps } from '../graph-deps.js';
import { mergeUsage, type AgentStateType, type AgentStateUpdate } from '../state.js';
import { resolveSummaryPeriod } from '../summary/summary-period.js';
import { buildSummaryParts } from '../summary/summary-plans.js';

/**
 * query_resolution: the question (plus thread context, plus the previous attempt's error on a repair pass) becomes
 * a Resolution: a Plan, guarded SQL (LLM only), a clarification or a refusal. Summary mode builds its fixed plans.
 */
export function queryResolutionNode(deps: GraphDeps) {
  return async function queryResolution(state: AgentStateType): Promise<AgentStateUpdate> {
    const started = performance.now();
    if (state.queryType === 'summary') {
      const summaryPeriod = resolveSummaryPeriod(state.summaryRequest?.period, state.schemaInfo);
      const summaryParts = buildSummaryParts(summaryPeriod, state.summaryRequest);
      return {
        summaryPeriod,
        summaryParts,
        plan: summaryParts[0]?.plan,
        iteration: state.iteration + 1,
        timingsMs: { resolve: performance.now() - started },
      };
    }

    let usage: LlmUsage | null = null;
    const resolution = await deps.resolver.resolve({
      question: state.userQuery,
      history: state.messages,
      ...(state.previousPlan ? { previousPlan: state.previousPlan } : {}),
      ...(state.summaryContext ? { summaryContext: state.summaryContext } : {}),
      ...(state.repairFeedback ? { repairFeedback: state.repairFeedback } : {}),
      onLlmUsage: (u) => {
        usage = mergeUsage(usage, u);
      },
    });
    return {
      resolution,
      plan: resolution.kind === 'plan' ? resolution.plan : undefined,
      sql: resolution.kind === 'sql' ? resolution.sql : undefined,
      compiled: undefined,
      dataResult: undefined,
      extractionError: undefined,
      validationStatus: undefined,
      fromCache: false,
      iteration: state.iteration + 1,
      timingsMs: { resolve: performance.now() - started },
      llmUsage: usage,
    };
  };
}
