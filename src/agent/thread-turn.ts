import type { Logger } from '../observability/logger.js';
import { isAppError } from '../errors.js';
import type { Plan, TimeRange } from '../semantic/plan.js';
import { errorAnswer, newErrorRef } from './answer-builders.js';
import type { Answer, StoredAnswer, ThreadState } from './answer.js';
import { nextPendingOptions } from './pending-options.js';
import type { PreviousRows } from './resolver/resolver.js';

/**
 * One turn's bookkeeping for the Assistant, as pure functions: the answer for a failure, a re-render of the stored
 * answer, what is stored of an answer, and the thread state after the turn.
 */

export const MAX_HISTORY_MESSAGES = 20;

export function failedAnswer(
  logger: Logger,
  question: string,
  error: unknown,
  context: Record<string, unknown>,
): Answer {
  if (isAppError(error) && error.code === 'BAD_INPUT') {
    // The user's own mistake (an unknown period): the message says how to fix it; nothing to look up in logs.
    return errorAnswer(question, error.userMessage, { code: error.code });
  }
  const errorRef = newErrorRef();
  logger.error({ err: error, errorRef, ...context }, 'answer failed');
  const message = isAppError(error)
    ? `${error.userMessage} (reference ${errorRef})`
    : `Sorry, something went wrong on my side (reference ${errorRef}).`;
  return errorAnswer(question, message, {
    code: isAppError(error) ? error.code : 'INTERNAL',
    errorRef,
  });
}

export function rerender(previous: StoredAnswer, question: string, chart: Plan['chart']): Answer {
  const answer: Answer = { ...previous, question, chart: null, timingsMs: {}, llm: null };
  if (previous.plan) answer.plan = { ...previous.plan, chart };
  return answer;
}

export function toStored(answer: Answer): StoredAnswer {
  const chart = answer.chart
    ? { type: answer.chart.type, spec: answer.chart.spec, title: answer.chart.title }
    : null;
  return { ...answer, chart };
}

/** The thread after a turn: the last messages, the plan a follow-up edits, the answer a re-render reads. */
export function nextThreadState(
  thread: ThreadState | null,
  answer: Answer,
  question: string,
  now: number,
): ThreadState {
  const state: ThreadState = {
    messages: [
      ...(thread?.messages ?? []),
      { role: 'user' as const, text: question, at: now },
      { role: 'assistant' as const, text: answer.headline, at: now },
    ].slice(-MAX_HISTORY_MESSAGES),
  };
  const lastPlan =
    answer.status === 'answered'
      ? (answer.plan ?? thread?.lastPlan)
      : answer.status === 'clarify'
        ? (answer.pendingPlan ?? thread?.lastPlan)
        : thread?.lastPlan;
  if (lastPlan) state.lastPlan = lastPlan;
  const priorPlan = lastPlan !== thread?.lastPlan ? thread?.lastPlan : thread?.priorPlan;
  if (priorPlan) state.priorPlan = priorPlan;
  const lastAnswer = answer.status === 'answered' ? toStored(answer) : thread?.lastAnswer;
  if (lastAnswer) state.lastAnswer = lastAnswer;
  const rankedRows =
    answer.status === 'answered' && isRanking(answer.plan) ? shownRows(answer) : thread?.rankedRows;
  if (rankedRows) state.rankedRows = rankedRows;
  // The options offered (a clarification's choices), so a button carrying an option's id is answered as its plan.
  const pendingOptions = nextPendingOptions(thread?.pendingOptions, answer.suggestions);
  if (pendingOptions.length) state.pendingOptions = pendingOptions;
  if (thread?.summaryContext) state.summaryContext = thread.summaryContext;
  return state;
}

/** A plan that ranked its rows and kept the first few ("top 5 states"): the rows a later "the 2nd" counts in. */
export function isRanking(plan: Plan | undefined): boolean {
  return Boolean(plan?.limit && plan.sort);
}

/** The rows an answer showed, for the next turn's "the second one"; none for an answer without rows. */
export function shownRows(answer: Pick<Answer, 'columns' | 'rows' | 'status'>): PreviousRows | undefined {
  if (answer.status !== 'answered' || !answer.rows.length) return undefined;
  return { columns: answer.columns.map((c) => c.name), rows: answer.rows };
}

/**
 * The thread a summary post opens: the summary as its first message (headline and insights), the answer for the
 * buttons, the options its suggestion buttons stand for, its first plan, and the period and comparison, so "why did Kurta drop?" asked there is understood.
 */
export function summaryThreadState(answer: Answer, now: number): ThreadState {
  const pendingOptions = nextPendingOptions(undefined, answer.suggestions);
  const state: ThreadState = {
    messages: [{ role: 'assistant', text: [answer.headline, ...answer.insights].join('\n'), at: now }],
    lastAnswer: toStored(answer),
    ...(answer.plan ? { lastPlan: answer.plan } : {}),
    // The post's suggestion buttons carry option ids: their plans are kept here.
    ...(pendingOptions.length ? { pendingOptions } : {}),
  };
  if (answer.timeRange) {
    const compareTo = answer.plan?.compareTo;
    state.summaryContext = {
      period: answer.timeRange,
      ...(compareTo && typeof compareTo === 'object' ? { compareTo: compareTo as TimeRange } : {}),
    };
  }
  return state;
}
