import { Annotation } from '@langchain/langgraph';
import type { Answer, LlmUsage, ThreadMessage } from './answer.js';
import type { PreviousRows, Resolution } from './resolver/resolver.js';
import type { CompiledPlan } from '../semantic/compile-plan.js';
import type { Plan, TimeRange } from '../semantic/plan.js';
import type { QueryResult, SchemaInfo } from '../warehouse/types.js';
import {
  lastValue,
  mergeUsage,
  timingsChannel,
  type ExtractionError,
  type ValidationOutcome,
} from './shared-state.js';

/**
 * The Q&A graph's state (the summary graph has its own, summary/summary-state.ts). Inputs: messages, userQuery,
 * previousPlan, priorPlan, previousRows, rankedRows, chosenPlan, hasPreviousAnswer, summaryContext, schemaInfo.
 * Each node writes only its own fields; timings and LLM usage accumulate across repair passes.
 */
export const AgentState = Annotation.Root({
  messages: lastValue<ThreadMessage[]>(() => []),
  userQuery: lastValue<string>(() => ''),
  previousPlan: lastValue<Plan | undefined>(() => undefined),
  /** The plan before the previous one ("both side by side" after "and KA?"). */
  priorPlan: lastValue<Plan | undefined>(() => undefined),
  /** The rows the thread's last answer showed ("the second one" names one of them). */
  previousRows: lastValue<PreviousRows | undefined>(() => undefined),
  /** The rows of the thread's last ranking ("n the 2nd?" after its top one was drilled into). */
  rankedRows: lastValue<PreviousRows | undefined>(() => undefined),
  /** A plan the user picked (Turn.plan): resolution returns it as is, without reading the question. */
  chosenPlan: lastValue<Plan | undefined>(() => undefined),
  /** The thread has a stored answer, so a presentation-only follow-up can re-render it without a query. */
  hasPreviousAnswer: lastValue<boolean>(() => false),
  /** Set in a summary's thread: its period, so "why did Kurta drop?" means that week. */
  summaryContext: lastValue<{ period: TimeRange; compareTo?: TimeRange } | undefined>(() => undefined),
  schemaInfo: lastValue<SchemaInfo>(() => ({ tables: [] })),

  resolution: lastValue<Resolution | undefined>(() => undefined),
  plan: lastValue<Plan | undefined>(() => undefined),
  sql: lastValue<string | undefined>(() => undefined),
  compiled: lastValue<CompiledPlan | undefined>(() => undefined),
  dataResult: lastValue<QueryResult | undefined>(() => undefined),
  fromCache: lastValue<boolean>(() => false),
  extractionError: lastValue<ExtractionError | undefined>(() => undefined),

  validationStatus: lastValue<ValidationOutcome | undefined>(() => undefined),
  /** What went wrong on the previous pass, fed to the resolver on a repair. */
  repairFeedback: lastValue<string | undefined>(() => undefined),
  /** Resolution passes so far (1 = first try; 2 and 3 are repairs). */
  iteration: lastValue<number>(() => 0),

  finalResponse: lastValue<Answer | undefined>(() => undefined),
  timingsMs: timingsChannel(),
  llmUsage: Annotation<LlmUsage | null>({ reducer: mergeUsage, default: () => null }),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
