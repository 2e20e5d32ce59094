import { Annotation } from '@langchain/langgraph';
import type { Answer, LlmUsage, SummaryRequest, ThreadMessage, ValidationStatus } from './answer.js';
import type { PreviousRows, Resolution } from './resolver/resolver.js';
import type { CompiledPlan } from '../semantic/compile-plan.js';
import type { Plan, TimeRange } from '../semantic/plan.js';
import type { QueryResult, SchemaInfo } from '../warehouse/types.js';

export type QueryType = 'qa' | 'summary';

export interface ValidationOutcome {
  status: ValidationStatus;
  /** Shown to the user as validation notes (empty result explained, nulls, truncation, implausible values). */
  reasons: string[];
  /** FAILED and worth another resolution pass (SQL error, implausible LLM result). */
  repairable: boolean;
}

export interface ExtractionError {
  code: string;
  /** Safe to show and to feed back to the resolver (no stack, no internals). */
  message: string;
  /** Internal detail (DuckDB's message) for the resolver's repair pass; logged, never shown. */
  detail?: string;
}

/** One query of a summary (KPIs, trend, top categories…), run through the same extraction and validation. */
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

const lastValue = <T>(initial: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: initial });

/** Adds token counts across resolution passes and the narrator; keeps the first fallback note. */
export function mergeUsage(a: LlmUsage | null, b: LlmUsage | null): LlmUsage | null {
  if (!a) return b;
  if (!b) return a;
  const merged: LlmUsage = {
    model: a.model === b.model ? a.model : `${a.model}, ${b.model}`,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimatedCostUsd: a.estimatedCostUsd + b.estimatedCostUsd,
    calls: a.calls + b.calls,
  };
  const note = a.fallbackNote ?? b.fallbackNote;
  if (note) merged.fallbackNote = note;
  return merged;
}

/**
 * The graph state. Inputs: messages, userQuery, queryType, previousPlan, chosenPlan, summaryContext/summaryRequest,
 * schemaInfo.
 * Each node writes only its own fields; timings and LLM usage accumulate across repair passes.
 */
export const AgentState = Annotation.Root({
  messages: lastValue<ThreadMessage[]>(() => []),
  userQuery: lastValue<string>(() => ''),
  queryType: lastValue<QueryType>(() => 'qa'),
  previousPlan: lastValue<Plan | undefined>(() => undefined),
  /** The plan before the previous one ("both side by side" after "and KA?"). */
  priorPlan: lastValue<Plan | undefined>(() => undefined),
  /** The rows the thread's last answer showed ("the second one" names one of them). */
  previousRows: lastValue<PreviousRows | undefined>(() => undefined),
  /** A plan the user picked (Turn.plan): resolution returns it as is, without reading the question. */
  chosenPlan: lastValue<Plan | undefined>(() => undefined),
  /** The thread has a stored answer, so a presentation-only follow-up can re-render it without a query. */
  hasPreviousAnswer: lastValue<boolean>(() => false),
  summaryContext: lastValue<{ period: TimeRange; compareTo?: TimeRange } | undefined>(() => undefined),
  summaryRequest: lastValue<SummaryRequest | undefined>(() => undefined),
  schemaInfo: lastValue<SchemaInfo>(() => ({ tables: [] })),

  resolution: lastValue<Resolution | undefined>(() => undefined),
  plan: lastValue<Plan | undefined>(() => undefined),
  sql: lastValue<string | undefined>(() => undefined),
  compiled: lastValue<CompiledPlan | undefined>(() => undefined),
  dataResult: lastValue<QueryResult | undefined>(() => undefined),
  fromCache: lastValue<boolean>(() => false),
  extractionError: lastValue<ExtractionError | undefined>(() => undefined),
  summaryPeriod: lastValue<SummaryPeriod | undefined>(() => undefined),
  summaryParts: lastValue<SummaryPart[]>(() => []),

  validationStatus: lastValue<ValidationOutcome | undefined>(() => undefined),
  /** What went wrong on the previous pass, fed to the resolver on a repair. */
  repairFeedback: lastValue<string | undefined>(() => undefined),
  /** Resolution passes so far (1 = first try; 2 and 3 are repairs). */
  iteration: lastValue<number>(() => 0),

  finalResponse: lastValue<Answer | undefined>(() => undefined),
  timingsMs: Annotation<Record<string, number>>({
    reducer: (a, b) => {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
      return out;
    },
    default: () => ({}),
  }),
  llmUsage: Annotation<LlmUsage | null>({ reducer: mergeUsage, default: () => null }),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
