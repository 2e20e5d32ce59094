import type { CompiledColumn } from '../semantic/compile-plan.js';
import type { DateGrain } from '../format/dates.js';
import type { Cell, QueryResult, ResultColumn } from '../warehouse/types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * What each result column is and how to show it. Compiled plans say so exactly (CompiledPlan.columns); for LLM
 * SQL the role and format are inferred from the column's type and name.
 */
export type ColumnFormat = CompiledColumn['format'];
export type ColumnRole = CompiledColumn['role'];

export interface ColumnMeta {
  name: string;
  /** The warehouse type (DATE, DOUBLE, VARCHAR, …): a ColumnMeta is a ResultColumn with its meaning. */
  type: string;
  index: number;
  role: ColumnRole;
  ref: string;
  label: string;
  format: ColumnFormat;
  /** Date columns: the bucket each value starts (a month's 1st, a week's Monday, a day). */
  grain?: DateGrain;
}

/** A column as an Answer carries it: a ResultColumn, with its meaning when the synthesis described it. */
export type AnswerColumn = ResultColumn & Partial<Omit<ColumnMeta, 'name' | 'type'>>;

/**
 * The meaning of an answer's columns, for every surface (text, Slack blocks, CLI, charts): as described by the
 * synthesis when it is there, inferred once here otherwise (a thread state stored before the contract).
 */
export function answerColumns(answer: {
  columns: readonly AnswerColumn[];
  rows: Cell[][];
  truncated?: boolean;
}): ColumnMeta[] {
  const described = answer.columns.every((c) => c.role !== undefined && c.format !== undefined);
  if (described) return answer.columns.map((c, index) => ({ ...(c as ColumnMeta), index }));
  return describeColumns({
    columns: answer.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: answer.rows,
    truncated: answer.truncated ?? false,
    elapsedMs: 0,
  });
}

const NUMERIC_TYPE =
  /^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL|HUGEINT|BIGINT|INTEGER|INT|SMALLINT|TINYINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/i;

export function describeColumns(result: QueryResult, compiled?: CompiledColumn[]): ColumnMeta[] {
  return result.columns.map((col, index) => {
    const known = compiled?.find((c) => c.name === col.name);
    if (known) return { ...known, type: col.type, index };
    return {
      ...inferColumn(
        col.name,
        col.type,
        result.rows.map((r) => r[index] ?? null),
      ),
      type: col.type,
      index,
    };
  });
}

function inferColumn(name: string, type: string, values: Cell[]): Omit<ColumnMeta, 'index' | 'type'> {
  const label = humanize(name);
  if (/^DATE|^TIMESTAMP/i.test(type) || (type === '' && isDateList(values)))
    return { name, role: 'dimension', ref: name, label, format: 'date', grain: inferGrain(name, values) };
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

function isDateList(values: Cell[]): boolean {
  return values.length > 0 && values.every((v) => typeof v === 'string' && ISO_DATE.test(v));
}

/** A date column's grain: named day/week/month, or from the values (all 1sts → month; all Mondays → week). */
function inferGrain(name: string, values: Cell[]): DateGrain {
  const lower = name.toLowerCase();
  if (lower === 'day' || lower === 'week' || lower === 'month') return lower;
  const dates = [
    ...new Set(values.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 10))),
  ];
  if (dates.length > 1 && dates.every((d) => d.endsWith('-01'))) return 'month';
  if (dates.length > 1 && dates.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)) return 'week';
  return 'day';
}

export function humanize(name: string): string {
  const s = name.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isNumericFormat(format: ColumnFormat): boolean {
  return format === 'inr' || format === 'count' || format === 'percent' || format === 'number';
}
