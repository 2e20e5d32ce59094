import type { Catalog } from '../semantic/catalog.js';
import { booleanFilterValue } from '../semantic/boolean-values.js';
import type { Plan } from '../semantic/plan.js';
import { sourceDefinition } from '../warehouse/sources/source-definitions.js';

// How a filter reads in a sentence: "for Kurta", "in Karnataka", "with status Cancelled".
const PLACE_DIMENSIONS = new Set(['state', 'city', 'country', 'marketplace']);
const FOR_DIMENSIONS = new Set(['category', 'size', 'sku', 'style', 'customer', 'color', 'promotion']);

/** "No orders for Kurta in Karnataka in May 2022." — why a result is empty, in the user's terms. */
export function explainEmpty(plan: Plan, catalog: Catalog): string {
  const parts = [`No ${sourceDefinition(plan.source).rowsNoun}`, ...describeFilters(plan, catalog)];
  // "which of those fell?" with none that did: an answer, not missing data.
  if (plan.changeKept && plan.groupBy[0]) {
    const group = (catalog.dimensions[plan.groupBy[0]]?.label ?? plan.groupBy[0]).toLowerCase();
    const metric = (catalog.metrics[plan.metrics[0]!]?.label ?? plan.metrics[0]!).toLowerCase();
    parts[0] = `No ${group} ${plan.changeKept} in ${metric}`;
  }
  if (plan.timeRange) parts.push(periodPhrase(plan.timeRange.label));
  return `${parts.join(' ')}.`;
}

/** The plan's filters as sentence fragments: ["for Kurta", "in Karnataka", "with status Cancelled"]. */
export function describeFilters(plan: Plan, catalog: Catalog): string[] {
  const parts: string[] = [];
  for (const f of plan.filters) {
    const named = catalog.dimensions[f.dimension]?.values;
    if (named && f.values.length === 1) {
      // "for B2B orders", "without a promotion": a yes/no filter reads as its own phrase.
      const yes = booleanFilterValue(named, f.values[0]!);
      parts.push(named[yes === (f.op === 'in') ? 'true' : 'false'].phrase);
      continue;
    }
    const values = f.values.map(String);
    const list = values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values[0];
    if (f.op === 'not_in') {
      parts.push(`other than ${list}`);
      continue;
    }
    if (PLACE_DIMENSIONS.has(f.dimension)) parts.push(`in ${list}`);
    else if (FOR_DIMENSIONS.has(f.dimension)) parts.push(`for ${list}`);
    else {
      const label = (catalog.dimensions[f.dimension]?.label ?? f.dimension).toLowerCase();
      parts.push(`with ${label} ${list}`);
    }
  }
  return parts;
}

/** "May 2022" → "in May 2022"; "last 30 days (…)" → "in the last 30 days (…)"; "all data (…)" → "across all data (…)". */
export function periodPhrase(label: string): string {
  if (/^all\b/i.test(label)) return `across ${label}`;
  // One day, "4 Jun 2022": on it, not in it.
  if (/^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(label)) return `on ${label}`;
  // Days, "13–19 Jun 2022", "28 May–3 Jun 2022": over them.
  if (/^\d{1,2}(?: [A-Z][a-z]{2})?(?: \d{4})?–\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(label))
    return `over ${label}`;
  if (/^the\b/i.test(label)) return `in ${label}`;
  // "since 15 Apr", "up to 10 May": a range that carries its own preposition ("in since" reads as a typo).
  if (/^(since|up to|until|from|between|before|after)\b/i.test(label)) return label;
  if (/^(last|previous|this|week|first|latest)\b/i.test(label)) return `in the ${label}`;
  return `in ${label}`;
}
