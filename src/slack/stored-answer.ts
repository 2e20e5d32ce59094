import type { Answer, ThreadState } from '../agent/answer.js';

/** The answer as thread state stores it: everything but the PNG bytes (buttons re-use it, never re-query). */
export function toStoredAnswer(answer: Answer): NonNullable<ThreadState['lastAnswer']> {
  const { chart, ...rest } = answer;
  if (!chart) return { ...rest, chart: null };
  const { png: _png, ...chartWithoutPng } = chart;
  return { ...rest, chart: chartWithoutPng };
}
