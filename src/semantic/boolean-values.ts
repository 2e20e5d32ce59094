import type { DimensionDef } from './catalog.js';
import { booleanLiteral } from './sql-literal.js';

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
