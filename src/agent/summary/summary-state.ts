import { Annotation } from '@langchain/langgraph';
import type { Answer, SummaryRequest } from '../answer.js';
import type { CompiledPlan } from '../../semantic/compile-plan.js';
import type { Plan, TimeRange } from '../../semantic/plan.js';
import type { QueryResult, SchemaInfo } from '../../warehouse/types.js';
import { lastValue, timingsChannel, type ExtractionError, type ValidationOutcome } from '../shared-state.js';

/** One query of a summary (KPIs, trend, top categories…), run through the same extraction as a question's. */
export interface SummaryPart {
  id: 'kpis' | 'trend' | 'categories' | 'states' | 'status_mix';
  plan: Plan;
  sql?: string;
  compiled?: CompiledPlan;
  result?: QueryResult;
  error?: ExtractionError;
}

export interface SummaryPeriod {
  period: TimeRange;
  compareTo?: TimeRange;
  /** The period keyword asked for, e.g. 'week', '7d', '2022-05'. */
  requested: string;
}

/**
 * The summary graph's state. Inputs: the request (period keyword or the caller's window, filters) and the schema
 * (the data's dates). No resolver reads a question here and no model writes prose, so there is no LLM usage.
 */
export const SummaryState = Annotation.Root({
  summaryRequest: lastValue<SummaryRequest>(() => ({})),
  schemaInfo: lastValue<SchemaInfo>(() => ({ tables: [] })),

  summaryPeriod: lastValue<SummaryPeriod | undefined>(() => undefined),
  summaryParts: lastValue<SummaryPart[]>(() => []),
  validationStatus: lastValue<ValidationOutcome | undefined>(() => undefined),

  finalResponse: lastValue<Answer | undefined>(() => undefined),
  timingsMs: timingsChannel(),
});

export type SummaryStateType = typeof SummaryState.State;
export type SummaryStateUpdate = typeof SummaryState.Update;
