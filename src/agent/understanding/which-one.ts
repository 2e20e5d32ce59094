import type { Catalog } from '../../semantic/catalog.js';
import { pluralLabel } from '../../semantic/label-text.js';
import type { Plan } from '../../semantic/plan.js';
import type { PreviousRows, Resolution } from '../resolver/resolver.js';

/**
 * "that ones daily sales?" after a top 10: "that one" says neither which row nor its place, and the last answer
 * shows many. Guessing the first would be a confident wrong number whenever another was meant, so the bot asks,
 * offering the rows shown as one-click choices (each the question again, naming that row).
 */
const THAT_ONE = /\bthat\s+one(?:'s|s)?\b/i;
// "that one, the top one", "that 2nd one": the place is said, so the row-pick reader has it.
const PLACE_SAID =
  /\b(?:top|first|1st|2nd|second|third|3rd|last|bottom|best|worst|highest|lowest|biggest|no\.?\s*\d+|#\d+|number\s+\w+)\b/i;

export function askWhichOne(
  question: string,
  catalog: Catalog,
  previousPlan: Plan | undefined,
  previousRows: PreviousRows | undefined,
): Resolution | undefined {
  if (!THAT_ONE.test(question) || PLACE_SAID.test(question)) return undefined;
  const dimension = previousPlan?.groupBy.find((d) => !catalog.dimensions[d]?.grain);
  const column = dimension && previousRows ? previousRows.columns.indexOf(dimension) : -1;
  if (!previousRows || column < 0 || previousRows.rows.length < 3) return undefined;
  const values = previousRows.rows.slice(0, 3).map((r) => String(r[column]));
  const label = catalog.dimensions[dimension!]!;
  return {
    kind: 'clarify',
    message: `Which one do you mean? The last answer lists ${previousRows.rows.length} ${label.plural ?? pluralLabel(label.label)}.`,
    options: values.map((v) => ({ label: v, question: question.replace(THAT_ONE, `${v}'s`) })),
    resolvedBy: 'planner',
  };
}
