import { randomBytes } from 'node:crypto';
import type { Answer, AnswerStatus, LlmUsage, Suggestion } from './answer.js';

/** A fresh Answer with every list empty; nodes and the Assistant fill in what they know. */
export function emptyAnswer(question: string, status: AnswerStatus, headline: string): Answer {
  return {
    question,
    status,
    headline,
    insights: [],
    keyFigures: [],
    definitions: [],
    columns: [],
    rows: [],
    truncated: false,
    validation: { status: status === 'error' ? 'FAILED' : 'PASSED', notes: [] },
    suggestions: [],
    chart: null,
    timingsMs: {},
    llm: null,
  };
}

/** A short id the user can quote; the log line with the details carries the same id. */
export function newErrorRef(): string {
  return randomBytes(4).toString('hex');
}

export function errorAnswer(
  question: string,
  message: string,
  options: { code?: string; errorRef?: string; suggestions?: Suggestion[]; llm?: LlmUsage | null } = {},
): Answer {
  const answer = emptyAnswer(question, 'error', message);
  answer.errorRef = options.errorRef ?? newErrorRef();
  answer.errorCode = options.code ?? 'INTERNAL';
  answer.suggestions = options.suggestions ?? [];
  answer.llm = options.llm ?? null;
  return answer;
}
