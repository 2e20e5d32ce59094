import type { TimeRange } from '../../semantic/plan.js';
import type { QueryResult } from '../../warehouse/types.js';
import type { NumberContext } from './number-check.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The numbers LLM prose may state: every numeric cell, every figure we derived, the dates in play. */
export function numberContext(input: {
  result: QueryResult;
  derived: number[];
  question: string;
  timeRange?: TimeRange;
  compareRange?: TimeRange;
}): NumberContext {
  const values: number[] = [...input.derived];
  const dates: string[] = [];
  for (const row of input.result.rows) {
    for (const cell of row) {
      if (typeof cell === 'number') values.push(cell);
      else if (typeof cell === 'string' && ISO.test(cell)) dates.push(cell);
    }
  }
  // Column totals: "₹7.86 Cr in all" is a fair thing to say about a breakdown.
  const width = input.result.columns.length;
  for (let i = 0; i < width; i++) {
    const nums = input.result.rows.map((r) => r[i]).filter((c): c is number => typeof c === 'number');
    if (nums.length > 1) values.push(nums.reduce((a, b) => a + b, 0));
  }
  for (const range of [input.timeRange, input.compareRange]) {
    if (!range) continue;
    dates.push(...rangeDays(range));
  }
  const smallIntegers = Array.from({ length: Math.min(input.result.rows.length, 20) }, (_, i) => i + 1);
  // Integers the user wrote ("top 5", "last 30 days") may be repeated back.
  for (const m of input.question.matchAll(/\b\d{1,4}\b/g)) smallIntegers.push(Number(m[0]));
  return { values, dates, smallIntegers };
}

export function rangeDays(range: TimeRange): string[] {
  const out: string[] = [];
  const start = new Date(`${range.from}T00:00:00Z`);
  const end = new Date(`${range.to}T00:00:00Z`);
  for (let d = start; d <= end && out.length < 800; d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
