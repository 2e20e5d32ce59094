import type { Catalog } from '../../semantic/catalog.js';
import type { Filter, Plan } from '../../semantic/plan.js';

/** Derived from the catalog (src/semantic/describe-data.ts); re-exported for the planner's refusals. */
export { describeDataWeHave } from '../../semantic/describe-data.js';

/**
 * A plan as a question the planner reads back to the same plan (clarification buttons ask these).
 * Uses each metric's first synonym and ISO dates for anything that is not a whole month.
 */
export function questionForPlan(catalog: Catalog, plan: Plan): string {
  const metrics = plan.metrics.map((id) => catalog.metrics[id]?.synonyms[0] ?? id).join(' and ');
  const by = plan.groupBy.length
    ? ` by ${plan.groupBy.map((d) => catalog.dimensions[d]?.synonyms[0] ?? d).join(' and ')}`
    : '';
  const filters = plan.filters.map((f) => filterWords(catalog, f)).join(' ');
  let when = '';
  if (plan.timeRange) {
    const r = plan.timeRange;
    when = /^[A-Z][a-z]+ \d{4}$/.test(r.label) ? ` in ${r.label}` : ` from ${r.from} to ${r.to}`;
  }
  return `${metrics.charAt(0).toUpperCase()}${metrics.slice(1)}${by}${filters ? ` ${filters}` : ''}${when}`;
}

/** "for Kurta", "excluding Kerala", and yes/no values in the catalog's words ("for B2B orders"), never "for true". */
function filterWords(catalog: Catalog, f: Filter): string {
  const values = catalog.dimensions[f.dimension]?.values;
  if (values && f.values.length === 1 && typeof f.values[0] === 'boolean') {
    const yes = (f.op === 'in') === f.values[0];
    return (yes ? values.true : values.false).phrase;
  }
  return `${f.op === 'not_in' ? 'excluding' : 'for'} ${f.values.join(' and ')}`;
}
