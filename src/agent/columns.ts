import type { CompiledColumn } from '../semantic/compile-plan.js';
import type { Cell, QueryResult } from '../warehouse/types.js';

/**
 * What each result column is and how to show it. Compiled plans say so exactly (CompiledPlan.columns); for LLM
 * SQL the role and format are inferred from the column's type and name.
 */
export type ColumnFormat = CompiledColumn['format'];
export type ColumnRole = CompiledColumn['role'];

export interface ColumnMeta {
  name: string;
  index: number;
  role: ColumnRole;
  ref: string;
  label: string;
  format: ColumnFormat;
}

const NUMERIC_TYPE =
  /^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL|HUGEINT|BIGINT|INTEGER|INT|SMALLINT|TINYINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/i;

export function describeColumns(result: QueryResult, compiled?: CompiledColumn[]): ColumnMeta[] {
  return result.columns.map((col, index) => {
    const known = compiled?.find((c) => c.name === col.name);
    if (known) return { ...known, index };
    return {
      ...inferColumn(
        col.name,
        col.type,
        result.rows.map((r) => r[index] ?? null),
      ),
      index,
    };
  });
}

function inferColumn(name: string, type: string, values: Cell[]): Omit<ColumnMeta, 'index'> {
  const label = humanize(name);
  if (/^DATE|^TIMESTAMP/i.test(type)) return { name, role: 'dimension', ref: name, label, format: 'date' };
  if (/^BOOL/i.test(type)) return { name, role: 'dimension', ref: name, label, format: 'boolean' };
  const numeric = NUMERIC_TYPE.test(type) || values.every((v) => v === null || typeof v === 'number');
  if (!numeric) return { name, role: 'dimension', ref: name, label, format: 'text' };
  const lower = name.toLowerCase();
  if (/(^|_)(change|growth|delta)(_|$)/.test(lower))
    return { name, role: 'change', ref: name, label, format: 'percent' };
  if (/(^|_)(share|pct|percent|percentage|rate|ratio)(_|$)/.test(lower))
    return { name, role: lower.includes('share') ? 'share' : 'metric', ref: name, label, format: 'percent' };
  if (/(amount|revenue|sales|aov|mrp|price|value|gmv|inr|rupee)/.test(lower))
    return { name, role: 'metric', ref: name, label, format: 'inr' };
  const integers = values.every((v) => v === null || (typeof v === 'number' && Number.isInteger(v)));
  return { name, role: 'metric', ref: name, label, format: integers ? 'count' : 'number' };
}

export function humanize(name: string): string {
  const s = name.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isNumericFormat(format: ColumnFormat): boolean {
  return format === 'inr' || format === 'count' || format === 'percent' || format === 'number';
}
