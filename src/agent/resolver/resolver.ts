import type { LlmUsage, Suggestion, ThreadMessage } from '../answer.js';
import type { Plan, TimeRange } from '../../semantic/plan.js';
import type { Cell } from '../../warehouse/types.js';

/**
 * Question → Plan. Two implementations: the deterministic planner (src/agent/planner/, always available) and the
 * LLM resolver (src/agent/llm/, when OPENAI_API_KEY or OPENAI_BASE_URL is set), which tries the planner first.
 */
/** An answer's rows as shown: column names as the compiler named them (dimension and metric ids), then the cells. */
export interface PreviousRows {
  columns: string[];
  rows: Cell[][];
}

export interface ResolverInput {
  question: string;
  /** The thread's previous plan, for follow-ups ("and in June?", "only for Kurta"). */
  previousPlan?: Plan;
  /** The plan before the previous one, for "both side by side" after a value was swapped ("and KA?"). */
  priorPlan?: Plan;
  /** The rows the thread's last answer showed, in order, for "the second one", "take the third one". */
  previousRows?: PreviousRows;
  /** The rows of the thread's last ranking ("top 5 states"), for "n the 2nd?" after its top one was drilled into. */
  rankedRows?: PreviousRows;
  history: ThreadMessage[];
  /** Set in a weekly-summary thread: the summary's period, so "why did Kurta drop?" means that week. */
  summaryContext?: { period: TimeRange; compareTo?: TimeRange };
  /** On a repair pass: what went wrong with the previous attempt (SQL error, implausible result). */
  repairFeedback?: string;
}

export type Resolution =
  | {
      kind: 'plan';
      plan: Plan;
      /** 0..1; the LLM resolver is consulted when the planner's confidence is below its threshold. */
      confidence: number;
      /** Lines the answer should mention (assumptions made, dates resolved). */
      notes: string[];
      /** Follow-up that only changes presentation ("show that as a pie"): re-render, do not re-query. */
      presentationOnly?: boolean;
      /** "why?" follow-up: explain the previous result (drivers/breakdown) rather than restate it. */
      explain?: boolean;
      /** The next-best readings of the question, best first; "Not what I meant" offers them. */
      alternatives?: { label: string; plan: Plan }[];
      resolvedBy: 'planner' | 'llm';
    }
  | {
      /** LLM only: guarded SQL for questions a Plan cannot express. */
      kind: 'sql';
      sql: string;
      /** What the SQL computes, shown as the definition used. */
      description: string;
      notes: string[];
      resolvedBy: 'llm';
    }
  | {
      kind: 'clarify';
      message: string;
      options: Suggestion[];
      /**
       * The question as far as it was understood ("the average for Kerala last month", measure unknown): the
       * thread keeps it, so a reply that fills the gap ("per order") edits it instead of starting over.
       */
      pendingPlan?: Plan;
      resolvedBy: 'planner' | 'llm';
    }
  | { kind: 'refuse'; message: string; resolvedBy: 'planner' | 'llm' };

/**
 * What a resolver returns: the Resolution, with what the language model cost when one was asked (tokens, cost and
 * any fallback note; the graph adds them to the answer, as it does the narrator's). No model asked: no usage.
 */
export type ResolverResult = Resolution & { usage?: LlmUsage };

export interface Resolver {
  resolve(input: ResolverInput): Promise<ResolverResult>;
}

/** A resolver's result as the graph keeps it: the Resolution alone (the state's), and the usage to add up. */
export function splitUsage(result: ResolverResult): { resolution: Resolution; usage: LlmUsage | null } {
  const { usage, ...resolution } = result;
  return { resolution, usage: usage ?? null };
}
