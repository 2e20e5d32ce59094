import type { TimeRange } from '../../semantic/plan.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import { formatDayRange } from '../format-value.js';
import type { Resolution } from '../resolver/resolver.js';
import { checkNumbers, type NumberContext } from './number-check.js';
import { rangeDays } from './number-context.js';

const GENERIC_REFUSAL = 'That is outside the sales data I have.';
const GENERIC_CLARIFY = 'Could you say a bit more about what you want to see?';
const GENERIC_DESCRIPTION = 'A custom query';

/**
 * The number check for the model's own words, before anything runs: a refusal, a clarifying question and its
 * options, the SQL's description (shown as the definition used), the notes and the time range's label (shown in
 * the headline). No result exists yet, so the text may state only the data's dates and table sizes, small counts
 * and the numbers the user wrote. What fails is replaced by computed text: the planner's own refusal or
 * clarification when it had one, the label computed from the dates, and notes are dropped.
 */
export function checkResolutionText(
  resolution: Resolution,
  input: { question: string; schema: SchemaInfo; planned: Resolution },
): { resolution: Resolution; rejected: string[] } {
  const rejected: string[] = [];
  const range = resolution.kind === 'plan' ? resolution.plan.timeRange : undefined;
  const context = resolutionContext(input.question, input.schema, range);
  const passes = (text: string) => {
    const result = checkNumbers(text, context);
    if (!result.ok) rejected.push(...result.unmatched);
    return result.ok;
  };
  const { planned } = input;
  switch (resolution.kind) {
    case 'refuse': {
      if (passes(resolution.message)) return { resolution, rejected };
      const message = planned.kind === 'refuse' ? planned.message : GENERIC_REFUSAL;
      return { resolution: { ...resolution, message }, rejected };
    }
    case 'clarify': {
      const options = resolution.options.filter((o) => passes(o.label) && passes(o.question));
      const messageOk = passes(resolution.message);
      if (planned.kind === 'clarify' && (!messageOk || options.length === 0) && resolution.options.length > 0)
        return { resolution: planned, rejected };
      return {
        resolution: { ...resolution, message: messageOk ? resolution.message : GENERIC_CLARIFY, options },
        rejected,
      };
    }
    case 'sql':
      return {
        resolution: {
          ...resolution,
          description: passes(resolution.description) ? resolution.description : GENERIC_DESCRIPTION,
          notes: resolution.notes.filter(passes),
        },
        rejected,
      };
    case 'plan': {
      const plan = resolution.plan;
      const timeRange =
        plan.timeRange && !passes(plan.timeRange.label)
          ? { ...plan.timeRange, label: formatDayRange(plan.timeRange.from, plan.timeRange.to) }
          : plan.timeRange;
      return {
        resolution: {
          ...resolution,
          plan: timeRange ? { ...plan, timeRange } : plan,
          notes: resolution.notes.filter(passes),
        },
        rejected,
      };
    }
  }
}

/** What text written before any query may state: the data's dates and row counts, the plan's dates, the user's numbers. */
function resolutionContext(
  question: string,
  schema: SchemaInfo,
  range: TimeRange | undefined,
): NumberContext {
  const dates: string[] = [];
  const values: number[] = [];
  for (const table of schema.tables) {
    values.push(table.rowCount);
    if (table.dateRange) dates.push(...rangeDays({ ...table.dateRange, label: '' }));
  }
  if (range) dates.push(...rangeDays(range));
  const smallIntegers = Array.from({ length: 20 }, (_, i) => i + 1);
  for (const m of question.matchAll(/\b\d{1,4}\b/g)) smallIntegers.push(Number(m[0]));
  // A label must agree with its own range: with a plan, only the plan's dates count.
  return { values, dates: range ? rangeDays(range) : dates, smallIntegers };
}
