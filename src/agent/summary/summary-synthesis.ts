import type { Answer } from '../answer.js';
import type { GraphDeps } from '../graph-deps.js';
import { failureAnswer } from '../nodes/failure-answer.js';
import { finishAnswer } from '../nodes/finish-answer.js';
import { composeSummaryAnswer } from './summary-answer.js';
import type { SummaryStateType, SummaryStateUpdate } from './summary-state.js';

/**
 * summary_synthesis: the validated parts become the summary Answer (KPIs with their change, tops, mix, movers);
 * without KPIs, the failure answer of the KPI query. It carries the load caveat as every answer does.
 */
export function summarySynthesisNode(deps: Pick<GraphDeps, 'warehouse' | 'catalog' | 'logger'>) {
  return async function summarySynthesis(state: SummaryStateType): Promise<SummaryStateUpdate> {
    const started = performance.now();
    const answer = finishAnswer(summaryAnswer(state, deps), deps, null);
    return { finalResponse: answer, timingsMs: { synthesize: performance.now() - started } };
  };
}

function summaryAnswer(state: SummaryStateType, deps: Pick<GraphDeps, 'catalog' | 'logger'>): Answer {
  const v = state.validationStatus;
  if (!v || v.status === 'FAILED' || !state.summaryPeriod) {
    const kpis = state.summaryParts.find((p) => p.id === 'kpis');
    return failureAnswer(
      {
        question: '',
        ...(v ? { validation: v } : {}),
        ...(kpis?.error ? { error: kpis.error } : {}),
        ...(kpis?.sql ? { sql: kpis.sql } : {}),
        ...(state.summaryParts[0] ? { plan: state.summaryParts[0].plan } : {}),
      },
      deps,
    );
  }
  return composeSummaryAnswer({
    question: '',
    period: state.summaryPeriod,
    parts: state.summaryParts,
    catalog: deps.catalog,
    notes: v.reasons,
  });
}
