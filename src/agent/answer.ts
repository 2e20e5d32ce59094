import type { Plan, TimeRange } from '../semantic/plan.js';
import type { DateSpan } from '../semantic/bucket-coverage.js';
import type { Cell } from '../warehouse/types.js';
import type { AnswerColumn } from './columns.js';
import type { OnProgress } from './progress.js';

/** What every surface (CLI, Slack, scheduler) renders. Built by the synthesis node; never contains raw errors. */
export type AnswerStatus = 'answered' | 'clarify' | 'refused' | 'error';
export type ValidationStatus = 'PASSED' | 'WARNING' | 'FAILED';

export interface Suggestion {
  /** Button text / option label, e.g. "Revenue (gross)". */
  label: string;
  /** The full question to ask when chosen. */
  question: string;
  /** The plan this option stands for, when it is one: chosen, it is answered as is, not parsed again. */
  plan?: Plan;
  /**
   * The option's stable id, set by the Assistant on every suggestion with a plan (the plan's `alternativeId`);
   * the thread remembers the option under it (ThreadState.pendingOptions), so a button carries the id, not words.
   */
  id?: string;
}

export interface KeyFigure {
  label: string;
  /** Formatted for display, e.g. "₹2.88 Cr". */
  value: string;
  /** Formatted change vs the comparison period, e.g. "+5.2%". */
  change?: string;
}

export interface LlmUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
  estimatedCostUsd: number;
  calls: number;
  /** Set when the LLM failed and the offline planner answered instead. */
  fallbackNote?: string;
}

export interface ChartOutput {
  type: string;
  /** The Vega-Lite spec (data inlined). */
  spec: Record<string, unknown>;
  /** PNG bytes, when rendered. */
  png?: Uint8Array;
  title: string;
}

/** Another way the question could have been read: "Not what I meant" offers these as buttons. */
export interface Alternative {
  /** Stable id of the plan (a button carries it, never words to re-parse). */
  id: string;
  /** The alternative's reading, e.g. "orders · by state · May 2022". */
  label: string;
  plan: Plan;
}

export interface Answer {
  question: string;
  status: AnswerStatus;
  /** Set when an unaddressed message (Turn.addressed false) was not a data question: nothing is posted. */
  ignored?: boolean;
  /** One or two sentences: the number(s) answering the question. */
  headline: string;
  /**
   * How the question was read, in plain words: "orders · top 5 states · Kurta only · May 2022". Set on every
   * answered result (for LLM SQL, the SQL's description); surfaces show it under the headline.
   */
  reading?: string;
  /** The resolver's next-best readings, for "Not what I meant" (empty or absent when it had none). */
  alternatives?: Alternative[];
  /** 1–3 short insight lines computed from the data. */
  insights: string[];
  keyFigures: KeyFigure[];
  /** Metric definitions used, e.g. "Revenue = gross SUM(amount) over all order lines, cancelled included". */
  definitions: string[];
  timeRange?: TimeRange;
  /** e.g. "Amazon Sale Report.csv (amazon_sales)". */
  dataSource?: string;
  plan?: Plan;
  sql?: string;
  /**
   * The result contract: each column's name and type with its meaning (role, metric or dimension id, unit, date
   * grain), decided once by the compiler (or inferred once for LLM SQL). Every surface reads it through
   * `answerColumns` (which infers the meaning of columns stored without it, e.g. by an older version).
   */
  columns: AnswerColumn[];
  rows: Cell[][];
  /** The days the result can cover (the table's dates within the plan's period): buckets past them are partial. */
  coverage?: DateSpan;
  truncated: boolean;
  validation: { status: ValidationStatus; notes: string[] };
  /** Clarification options (status 'clarify') or follow-up ideas (status 'answered'). */
  suggestions: Suggestion[];
  chart: ChartOutput | null;
  timingsMs: Record<string, number>;
  llm: LlmUsage | null;
  /** Reference id for status 'error', shown to the user and logged with the details. */
  errorRef?: string;
  /** Status 'clarify': the question as far as it was understood, kept as the thread's plan for the reply. */
  pendingPlan?: Plan;
  /** Stable error code for status 'error'/'refused'. */
  errorCode?: string;
}

/** An option with a plan the thread remembers (a clarification's choices), looked up by the id its button carries. */
export interface PendingOption {
  id: string;
  /** What the option reads as, e.g. "Orders · top 5 states · all dates"; the chosen turn's text, for history. */
  label: string;
  plan: Plan;
}

/** One message of a thread's history. */
export interface ThreadMessage {
  role: 'user' | 'assistant';
  text: string;
  /** epoch ms */
  at: number;
}

/** An answer as a thread stores it: everything but the PNG bytes. */
export type StoredAnswer = Omit<Answer, 'chart'> & { chart: Omit<ChartOutput, 'png'> | null };

/** What a thread remembers between turns (stored under workspace+channel+thread with a TTL). */
export interface ThreadState {
  messages: ThreadMessage[];
  lastPlan?: Plan;
  /** The plan before lastPlan: "both side by side" after "and KA?" replaced MH needs the value it replaced. */
  priorPlan?: Plan;
  /** The last answer, so buttons (Show SQL, Download CSV, chart changes) never re-run the query. */
  lastAnswer?: StoredAnswer;
  /** The rows of the thread's last ranking, kept while later turns drill into them ("n the 2nd?"). */
  rankedRows?: { columns: string[]; rows: Cell[][] };
  /**
   * Options with a plan offered in this thread (newest first, a bounded number): a button carrying one's id is
   * answered as its plan. An id no longer here has expired.
   */
  pendingOptions?: PendingOption[];
  /** Context a summary post seeds its thread with, so follow-ups there understand "why did Kurta drop?". */
  summaryContext?: { period: TimeRange; compareTo?: TimeRange };
}

export interface Turn {
  /** workspace:channel:thread for Slack, "cli:<session>" for the shell. */
  threadKey: string;
  text: string;
  userId?: string;
  /**
   * False for a message not addressed to the bot: a reply in a thread it answered in, without a mention. Such a
   * message is answered only when it reads as a data question; "thanks!" or a note to a colleague gets
   * `ignored: true` and leaves the thread's state as it was.
   */
  addressed?: boolean;
  /**
   * A plan chosen by the user (an alternative reading picked after "Not what I meant", or a clarification option
   * with a plan): the Assistant answers it directly and skips question resolution.
   */
  plan?: Plan;
}

export interface SummaryRequest {
  /** '7d' | '30d' | 'month' | 'YYYY-MM' | 'all' | 'week' (default: latest full week in the data). */
  period?: string;
  /**
   * The period already resolved by the caller (the scheduler's week, which its exactly-once lock is keyed on):
   * the summary covers exactly it instead of resolving `period` again. `period` then names its kind ('week').
   */
  window?: { period: TimeRange; compareTo?: TimeRange };
  filters?: { dimension: string; values: string[] }[];
  /** Render the dashboard PNG (default true). */
  chart?: boolean;
}

export interface AskOptions {
  /** Render the chart (default true). */
  chart?: boolean;
  /**
   * Progress while the answer is made: the stage (reading, querying, drawing the chart) and the narrative as far
   * as it is written and checked (see progress.ts). The returned Answer is still the whole, final truth.
   */
  onProgress?: OnProgress;
}

/**
 * The use case every surface calls, and the only owner of conversation state: it loads and saves thread state
 * itself, and surfaces read a thread (a button's stored answer, a clarification's option) through it.
 */
export interface Assistant {
  ask(turn: Turn, options?: AskOptions): Promise<Answer>;
  summary(request: SummaryRequest): Promise<Answer>;
  /**
   * A summary was posted as the first message of thread `threadKey`: the thread remembers it (period, comparison,
   * the answer) so follow-ups asked there ("why did Kurta drop?") build on it.
   */
  rememberSummary(threadKey: string, answer: Answer): Promise<void>;
  /** The thread's last answer as stored (Show SQL, Download CSV, feedback, "Not what I meant"), or null. */
  lastAnswer(threadKey: string): Promise<StoredAnswer | null>;
  /** An option with a plan the thread offered (a clarification's choice), by the id its button carries. */
  pendingOption(threadKey: string, optionId: string): Promise<PendingOption | null>;
  /** True when the thread has state: the bot answered (or posted a summary) there, so its replies are followed. */
  follows(threadKey: string): Promise<boolean>;
  /** Re-render the last answer of a thread with another chart type, without re-querying. */
  rechart?(threadKey: string, chart: string): Promise<Answer | null>;
  /**
   * Do the once-per-process start-up work (reading the data profile) now rather than on the first question.
   * Rejects when it fails; the next question then retries it.
   */
  warmUp?(): Promise<void>;
}
