import type { Logger } from '../observability/logger.js';
import type { Catalog } from '../semantic/catalog.js';
import { CHART_TYPES, type Plan } from '../semantic/plan.js';
import type { ThreadStore } from '../state/thread-store.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Answer, AskOptions, Assistant, SummaryRequest, ThreadState, Turn } from './answer.js';
import { emptyAnswer } from './answer-builders.js';
import { attachChart, attachDashboard, type LoadChartKit } from './attach-chart.js';
import { lazyAgentGraph, summaryGraph, type GraphStartDeps } from './assistant-graph.js';
import {
  ellipsize,
  MAX_ECHO_CHARS,
  MAX_HEADLINE_CHARS,
  MAX_QUESTION_CHARS,
  tooLongMessage,
} from './bounded-text.js';
import { isChatter } from './chatter.js';
import { runAgentGraph, type AgentGraph } from './graph.js';
import { withOptionIds } from './pending-options.js';
import { emitProgress } from './progress.js';
import type { AgentStateType } from './state.js';
import { runSummaryGraph, type SummaryGraph } from './summary/summary-graph.js';
import { createThreadMemory, type ThreadMemory } from './thread-memory.js';
import {
  failedAnswer,
  nextThreadState,
  rerender,
  shownRows,
  summaryThreadState,
  toStored,
} from './thread-turn.js';

/**
 * What the Assistant is built from. Every client, store and cache comes from the composition root (src/main.ts):
 * the thread store (the Assistant is its only user), the result cache, and the loaders of the OpenAI client and
 * the chart renderer, which are called on first need so a process without an LLM or a chart never loads them.
 */
export interface AssistantDeps extends GraphStartDeps {
  threads: ThreadStore;
  charts: LoadChartKit;
}

/** What one turn needs: the deps, the thread memory and the graphs (the Q&A one built on first use). */
interface TurnContext {
  logger: Logger;
  warehouse: Warehouse;
  catalog: Catalog;
  charts: LoadChartKit;
  memory: ThreadMemory;
  graph: () => Promise<AgentGraph>;
  summaryGraph: SummaryGraph;
}

/**
 * The Assistant use case every surface calls, and the only owner of thread state: it reads and writes the thread
 * store, and surfaces ask it for a thread's stored answer or option. Start-up work (data profile for the planner)
 * happens once, on first use. Every failure becomes an Answer with status 'error', a kind message and a reference
 * id; the details go to the log only.
 */
export function createAssistant(deps: AssistantDeps): Assistant {
  const memory = createThreadMemory(deps.threads, deps.logger);
  const ctx: TurnContext = {
    logger: deps.logger,
    warehouse: deps.warehouse,
    catalog: deps.catalog,
    charts: deps.charts,
    memory,
    graph: lazyAgentGraph(deps),
    summaryGraph: summaryGraph(deps),
  };
  return {
    async warmUp() {
      await ctx.graph();
    },
    ask: (turn, options) => ask(ctx, turn, options),
    summary: (request) => summarise(ctx, request),
    rechart: (threadKey, chart) => rechart(ctx, threadKey, chart),
    async rememberSummary(threadKey, answer) {
      if (answer.status !== 'answered') return;
      await memory.save(threadKey, summaryThreadState(answer, Date.now()));
    },
    async lastAnswer(threadKey) {
      return (await memory.load(threadKey))?.lastAnswer ?? null;
    },
    async pendingOption(threadKey, optionId) {
      const thread = await memory.load(threadKey);
      return thread?.pendingOptions?.find((o) => o.id === optionId) ?? null;
    },
    async follows(threadKey) {
      return (await memory.load(threadKey)) !== null;
    },
  };
}

async function ask(ctx: TurnContext, turn: Turn, options: AskOptions = {}): Promise<Answer> {
  const started = performance.now();
  const question = turn.text.trim();
  if (question.length > MAX_QUESTION_CHARS) return tooLong(question, turn);
  // "thanks!" in a thread the bot follows: ignored before any query or model call, the thread left as it was.
  if (turn.addressed === false && isChatter(question)) return ignoredChatter(question, started);
  const { logger } = ctx;
  const { onProgress } = options;
  emitProgress(onProgress, { kind: 'stage', stage: 'reading' }, logger);
  let answer: Answer;
  let thread: ThreadState | null = null;
  try {
    thread = await ctx.memory.load(turn.threadKey);
    const threadMs = performance.now() - started;
    const state: AgentStateType = await runAgentGraph(
      await ctx.graph(),
      {
        messages: thread?.messages ?? [],
        userQuery: question,
        previousPlan: thread?.lastPlan,
        previousRows: thread?.lastAnswer && shownRows(thread.lastAnswer),
        rankedRows: thread?.rankedRows,
        priorPlan: thread?.priorPlan,
        chosenPlan: turn.plan,
        hasPreviousAnswer: Boolean(thread?.lastAnswer),
        summaryContext: thread?.summaryContext,
        schemaInfo: ctx.warehouse.schema(),
      },
      onProgress,
    );
    const r = state.resolution;
    if (!state.finalResponse && r?.kind === 'plan' && r.presentationOnly && thread?.lastAnswer) {
      // "Show that as a pie": same numbers, new chart, no query.
      answer = rerender(thread.lastAnswer, question, r.plan.chart);
    } else {
      answer =
        state.finalResponse ?? failedAnswer(logger, question, new Error('graph ended without an answer'), {});
    }
    answer.timingsMs = { ...state.timingsMs, ...answer.timingsMs, thread: threadMs };
    if (options.chart !== false && answer.status === 'answered' && answer.rows.length) {
      emitProgress(onProgress, { kind: 'stage', stage: 'charting' }, logger);
      await attachChart(ctx, answer, answer.plan?.chart);
    }
  } catch (error) {
    answer = failedAnswer(logger, question, error, { threadKey: turn.threadKey });
  }
  // An option with a plan carries its id: surfaces hand the id back and get that plan answered as it is.
  answer.suggestions = withOptionIds(answer.suggestions);
  if (turn.addressed === false && (answer.status === 'clarify' || answer.status === 'refused')) {
    // An unaddressed reply that is no data question (a note to a colleague): say nothing, and keep the
    // thread's state so the next real follow-up still builds on the last answer.
    answer.ignored = true;
    answer.timingsMs.total = performance.now() - started;
    return answer;
  }
  await ctx.memory.save(turn.threadKey, nextThreadState(thread, answer, question, Date.now()));
  answer.timingsMs.total = performance.now() - started;
  return bounded(answer);
}

async function summarise(ctx: TurnContext, request: SummaryRequest): Promise<Answer> {
  const started = performance.now();
  const question = `summary ${request.period ?? 'week'}`.trim();
  let answer: Answer;
  try {
    const state = await runSummaryGraph(ctx.summaryGraph, {
      summaryRequest: request,
      schemaInfo: ctx.warehouse.schema(),
    });
    answer =
      state.finalResponse ??
      failedAnswer(ctx.logger, question, new Error('summary ended without an answer'), {});
    answer.timingsMs = { ...state.timingsMs };
    // Its suggestions carry option ids, as a question's do (rememberSummary keeps their plans with the thread).
    answer.suggestions = withOptionIds(answer.suggestions);
    if (request.chart !== false && answer.status === 'answered') await attachDashboard(ctx, answer, state);
  } catch (error) {
    answer = failedAnswer(ctx.logger, question, error, { period: request.period });
  }
  answer.timingsMs.total = performance.now() - started;
  return answer;
}

/** Re-renders the thread's last answer with another chart type, without re-querying. */
async function rechart(ctx: TurnContext, threadKey: string, chart: string): Promise<Answer | null> {
  const thread = await ctx.memory.load(threadKey);
  if (!thread?.lastAnswer) return null;
  const preference: Plan['chart'] = (CHART_TYPES as readonly string[]).includes(chart)
    ? (chart as Plan['chart'])
    : 'auto';
  const answer = rerender(thread.lastAnswer, thread.lastAnswer.question, preference);
  await attachChart(ctx, answer, preference);
  await ctx.memory.save(threadKey, { ...thread, lastAnswer: toStored(answer) });
  return answer;
}

/** A reply quotes at most MAX_ECHO_CHARS of the question, and a headline or reading stays one readable line. */
function bounded(answer: Answer): Answer {
  answer.question = ellipsize(answer.question, MAX_ECHO_CHARS);
  answer.headline = ellipsize(answer.headline, MAX_HEADLINE_CHARS);
  if (answer.reading) answer.reading = ellipsize(answer.reading, MAX_HEADLINE_CHARS);
  return answer;
}

/** A "question" of megabytes is not read at all: it is told so, and the thread's memory stays as it was. */
function tooLong(question: string, turn: Turn): Answer {
  const answer = emptyAnswer(ellipsize(question, MAX_ECHO_CHARS), 'refused', tooLongMessage(question.length));
  answer.errorCode = 'BAD_INPUT';
  if (turn.addressed === false) answer.ignored = true;
  return answer;
}

/** The "ignore" resolution: nothing to post, nothing queried, no model asked, the thread untouched. */
function ignoredChatter(question: string, started: number): Answer {
  const answer = emptyAnswer(ellipsize(question, MAX_ECHO_CHARS), 'refused', '');
  answer.ignored = true;
  answer.timingsMs.total = performance.now() - started;
  return answer;
}
