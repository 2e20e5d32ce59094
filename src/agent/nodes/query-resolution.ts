import { PlanSchema } from '../../semantic/plan.js';
import type { LlmUsage } from '../answer.js';
import type { GraphDeps } from '../graph-deps.js';
import { splitUsage, type Resolution } from '../resolver/resolver.js';
import type { AgentStateType, AgentStateUpdate } from '../state.js';

/**
 * query_resolution: the question (plus thread context, plus the previous attempt's error on a repair pass) becomes
 * a Resolution: a Plan, guarded SQL (LLM only), a clarification or a refusal. The resolver returns what its model
 * cost beside the Resolution; the state adds it up across passes.
 * A plan the user picked ("Not what I meant" → an alternative) is answered as it is: the question is not read again.
 */
export function queryResolutionNode(deps: GraphDeps) {
  return async function queryResolution(state: AgentStateType): Promise<AgentStateUpdate> {
    const started = performance.now();
    // The chosen plan came back from thread state through a button: it is checked like any Plan before use.
    const chosen = state.chosenPlan ? PlanSchema.safeParse(state.chosenPlan) : undefined;
    let resolution: Resolution;
    let usage: LlmUsage | null = null;
    if (chosen?.success) {
      resolution = { kind: 'plan', plan: chosen.data, confidence: 1, notes: [], resolvedBy: 'planner' };
    } else {
      ({ resolution, usage } = splitUsage(
        await deps.resolver.resolve({
          question: state.userQuery,
          history: state.messages,
          ...(state.previousPlan ? { previousPlan: state.previousPlan } : {}),
          ...(state.previousRows ? { previousRows: state.previousRows } : {}),
          ...(state.rankedRows ? { rankedRows: state.rankedRows } : {}),
          ...(state.priorPlan ? { priorPlan: state.priorPlan } : {}),
          ...(state.summaryContext ? { summaryContext: state.summaryContext } : {}),
          ...(state.repairFeedback ? { repairFeedback: state.repairFeedback } : {}),
        }),
      ));
    }
    if (chosen && !chosen.success)
      deps.logger.warn(
        { issues: chosen.error.issues.length },
        'chosen plan is not a valid Plan; reading the question',
      );
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
