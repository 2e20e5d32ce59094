import type { Catalog, DimensionDef } from './catalog.js';
import { booleanLiteral } from './sql-literal.js';

/** Every yes/no value's label, lower case → the value: grouped rows say "B2B", gold SQL says true. */
export function booleanLabels(catalog: Catalog): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const d of Object.values(catalog.dimensions)) {
    if (!d.values) continue;
    out.set(d.values.true.label.toLowerCase(), true);
    out.set(d.values.false.label.toLowerCase(), false);
  }
  return out;
}

export type BooleanValues = NonNullable<DimensionDef['values']>;

/**
 * A yes/no filter value as a boolean. Besides true/false/yes/no, the dimension's own value names count ("B2B",
 * "Retail (B2C)"), because that is what grouped rows show and what a follow-up or the LLM may echo back.
 * Throws PLAN_INVALID for anything else.
 */
export function booleanFilterValue(
  values: BooleanValues | undefined,
  value: string | number | boolean,
): boolean {
  if (values && typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === values.true.label.toLowerCase()) return true;
    if (s === values.false.label.toLowerCase()) return false;
  }
  return booleanLiteral(value) === 'TRUE';
}
