import { BLANK } from '../format/blank.js';
import type { Plan } from '../semantic/plan.js';
import type { Cell, QueryResult, ResultColumn } from '../warehouse/types.js';
import {
  dimensionLabel,
  dimensionPlural,
  isTimeGrain,
  metricInfo,
  type DimensionInfo,
  type MetricInfo,
  type TimeGrain,
} from './fields.js';

/**
 * Reads a result into the roles a chart needs: dimensions (time or categorical), measures, and the comparison /
 * share columns. With a plan the roles come from the column naming convention agreed with the SQL compiler
 * (dimension ids, metric ids, "share", "<metric>_previous", "<metric>_change"); without one (LLM SQL) they are
 * inferred from the column types and values.
 */
export interface DimensionColumn {
  id: string;
  index: number;
  label: string;
  /** Its values' noun in the plural, for "Top 15 of 37 states" (the catalog's, else the label's plural). */
  plural: string;
  /** Set for date grains: the values are 'YYYY-MM-DD' dates. */
  grain?: TimeGrain;
  /** The catalog's order of the values (sizes): sorted by it, never cut to a top N. */
  valueOrder?: readonly string[];
}

export interface MeasureColumn {
  id: string;
  index: number;
  info: MetricInfo;
  previousIndex?: number;
  changeIndex?: number;
  /** The catalog does not know the metric (LLM SQL through the contract): `info.additive` is a default, not a fact. */
  unknownMetric?: true;
}

export interface ResultShape {
  dimensions: DimensionColumn[];
  measures: MeasureColumn[];
  shareIndex?: number;
}

export interface AnalyzeOptions {
  metrics?: Record<string, MetricInfo>;
  dimensions?: Record<string, DimensionInfo>;
  /**
   * The result contract (src/agent/columns.ts ColumnMeta): each column's role, metric or dimension id, unit and
   * grain as the compiler decided them. Given, the chart reads roles from it instead of guessing from names.
   */
  columns?: readonly ChartColumnMeta[];
}

/** The part of the result contract a chart reads (structurally the agent's ColumnMeta). */
export interface ChartColumnMeta {
  name: string;
  role: 'dimension' | 'metric' | 'share' | 'previous' | 'change';
  ref: string;
  label: string;
  format: string;
  grain?: TimeGrain;
}

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)/i;
const DATE_TYPE = /^(DATE|TIMESTAMP)/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function isNumericColumn(column: ResultColumn, rows: readonly Cell[][], index: number): boolean {
  if (NUMERIC_TYPE.test(column.type)) return true;
  if (column.type) return false;
  return rows.length > 0 && rows.every((r) => r[index] === null || typeof r[index] === 'number');
}

function isDateColumn(column: ResultColumn, rows: readonly Cell[][], index: number): boolean {
  if (DATE_TYPE.test(column.type)) return true;
  if (isTimeGrain(column.name)) {
    return rows.every((r) => r[index] === null || (typeof r[index] === 'string' && ISO_DATE.test(r[index])));
  }
  return (
    /^(VARCHAR|TEXT|STRING)?$/i.test(column.type) &&
    rows.length > 0 &&
    rows.every((r) => typeof r[index] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[index]))
  );
}

export function toNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const n = Number(cell);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  return null;
}

export function dateMs(cell: Cell | undefined): number | null {
  if (typeof cell !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(cell);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** Dates on the 1st of each month → month; 7 days apart → week; else day. */
function inferGrain(rows: readonly Cell[][], index: number): TimeGrain {
  const ms = [...new Set(rows.map((r) => dateMs(r[index])).filter((v): v is number => v !== null))].sort(
    (a, b) => a - b,
  );
  if (ms.every((v) => new Date(v).getUTCDate() === 1) && ms.length > 1) return 'month';
  const gaps = ms.slice(1).map((v, i) => v - ms[i]!);
  if (gaps.length > 0 && gaps.every((g) => g % (7 * 86_400_000) === 0)) return 'week';
  return 'day';
}

export function analyzeResult(
  plan: Plan | undefined,
  result: QueryResult,
  options: AnalyzeOptions = {},
): ResultShape {
  const contract = options.columns;
  if (contract && contract.length === result.columns.length) return shapeFromContract(contract, options);
  const { columns, rows } = result;
  const byName = new Map(columns.map((c, i) => [c.name, i]));
  const dimensions: DimensionColumn[] = [];
  const measures: MeasureColumn[] = [];
  const used = new Set<number>();
  const numbersOf = (i: number): number[] =>
    rows.map((r) => toNumber(r[i])).filter((v): v is number => v !== null);

  const addDimension = (id: string, index: number): void => {
    const column = columns[index]!;
    const time = isTimeGrain(id) || isDateColumn(column, rows, index);
    const label = dimensionLabel(id, options.dimensions);
    dimensions.push({
      id,
      index,
      label,
      plural: dimensionPlural(id, label, options.dimensions),
      ...(time ? { grain: isTimeGrain(id) ? id : inferGrain(rows, index) } : {}),
      ...valueOrderOf(id, options),
    });
    used.add(index);
  };
  const addMeasure = (id: string, index: number): void => {
    measures.push({ id, index, info: metricInfo(id, options.metrics, numbersOf(index)) });
    used.add(index);
  };

  if (plan) {
    for (const id of plan.groupBy) {
      const i = byName.get(id);
      if (i !== undefined) addDimension(id, i);
    }
    for (const id of plan.metrics) {
      const i = byName.get(id);
      if (i !== undefined && isNumericColumn(columns[i]!, rows, i)) addMeasure(id, i);
    }
  }
  // Columns the plan did not name (or every column in result-only mode), inferred from types.
  columns.forEach((column, i) => {
    if (used.has(i) || column.name === 'share' || /_(previous|change)$/.test(column.name)) return;
    if (isDateColumn(column, rows, i)) addDimension(column.name, i);
    else if (isNumericColumn(column, rows, i)) {
      if (!plan) addMeasure(column.name, i);
    } else if (!plan || !plan.metrics.includes(column.name)) addDimension(column.name, i);
  });

  // A plan whose metric columns are not in the result (LLM SQL answering a plan's question): fall back to types.
  if (plan && measures.length === 0) {
    columns.forEach((column, i) => {
      if (used.has(i) || column.name === 'share' || /_(previous|change)$/.test(column.name)) return;
      if (isNumericColumn(column, rows, i)) addMeasure(column.name, i);
    });
  }
  for (const m of measures) {
    const p = byName.get(`${m.id}_previous`);
    const c = byName.get(`${m.id}_change`);
    if (p !== undefined) m.previousIndex = p;
    if (c !== undefined) m.changeIndex = c;
  }
  const shareIndex = byName.get('share');
  return {
    dimensions,
    measures,
    ...(shareIndex !== undefined && isNumericColumn(columns[shareIndex]!, rows, shareIndex)
      ? { shareIndex }
      : {}),
  };
}

function valueOrderOf(id: string, options: AnalyzeOptions): { valueOrder?: readonly string[] } {
  const order = options.dimensions?.[id]?.valueOrder;
  return order ? { valueOrder: order } : {};
}

const VALUE_FORMATS = new Set(['inr', 'count', 'percent', 'number']);

/** The shape straight from the result contract: no column is guessed from its name. */
function shapeFromContract(columns: readonly ChartColumnMeta[], options: AnalyzeOptions): ResultShape {
  const dimensions: DimensionColumn[] = [];
  const measures: MeasureColumn[] = [];
  let shareIndex: number | undefined;
  columns.forEach((c, index) => {
    if (c.role === 'dimension') {
      const grain = c.grain ?? (c.format === 'date' ? 'day' : undefined);
      dimensions.push({
        id: c.ref,
        index,
        label: c.label,
        plural: dimensionPlural(c.ref, c.label, options.dimensions),
        ...(grain ? { grain } : {}),
        ...valueOrderOf(c.ref, options),
      });
    } else if (c.role === 'metric' && VALUE_FORMATS.has(c.format)) {
      const known = options.metrics?.[c.ref];
      const info: MetricInfo = {
        label: c.label,
        format: c.format as MetricInfo['format'],
        additive: known?.additive ?? false,
        ...(known?.lowerIsBetter ? { lowerIsBetter: true } : {}),
      };
      measures.push({ id: c.ref, index, info, ...(known ? {} : { unknownMetric: true as const }) });
    } else if (c.role === 'share') shareIndex = index;
  });
  for (const m of measures) {
    const p = columns.findIndex((c) => c.role === 'previous' && c.ref === m.id);
    const ch = columns.findIndex((c) => c.role === 'change' && c.ref === m.id);
    if (p >= 0) m.previousIndex = p;
    if (ch >= 0) m.changeIndex = ch;
  }
  return { dimensions, measures, ...(shareIndex !== undefined ? { shareIndex } : {}) };
}

/** A category label for a cell: blanks and booleans become words a person reads. */
export function categoryLabel(cell: Cell | undefined, dimensionId: string): string {
  if (cell === null || cell === undefined || cell === '') return BLANK;
  if (typeof cell === 'boolean') {
    if (dimensionId === 'b2b') return cell ? 'B2B' : 'Retail (B2C)';
    return cell ? 'Yes' : 'No';
  }
  return String(cell);
}
