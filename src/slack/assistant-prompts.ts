import { formatDayRange } from '../agent/format-value.js';
import { monthLabel } from '../semantic/time-range.js';
import type { SchemaInfo } from '../warehouse/types.js';
import { messages } from './messages.js';

export interface AssistantPrompt {
  title: string;
  message: string;
}

/** The sales table the coverage is read from (the Amazon order lines). */
const SALES_TABLE = 'amazon_sales';

/**
 * Suggested prompts for a new assistant thread, drawn from what the data covers: questions about its latest month,
 * so every prompt has an answer. Without a date range (still loading), questions that need no dates.
 */
export function suggestedPrompts(schema: SchemaInfo | null): { title: string; prompts: AssistantPrompt[] } {
  const range =
    schema?.tables.find((t) => t.name === SALES_TABLE)?.dateRange ??
    schema?.tables.find((t) => t.dateRange)?.dateRange;
  if (!range)
    return { title: messages.assistantPromptsTitle, prompts: [...messages.assistantPromptsUndated] };
  const latestMonth = monthLabel(`${range.to.slice(0, 7)}-01`);
  return {
    title: messages.assistantPromptsCoverage(formatDayRange(range.from, range.to)),
    prompts: messages.assistantPromptsFor(latestMonth),
  };
}
