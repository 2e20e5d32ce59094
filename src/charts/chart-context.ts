import type { Plan } from '../semantic/plan.js';
import type { DateSpan } from '../semantic/bucket-coverage.js';
import type { QueryResult } from '../warehouse/types.js';
import {
  dateMs,
  toNumber,
  type ChartColumnMeta,
  type DimensionColumn,
  type MeasureColumn,
  type ResultShape,
} from './analyze.js';
import { dimensionLabel, type DimensionInfo, type MetricInfo } from './fields.js';
import { inSentence } from '../semantic/label-text.js';
import type { TitleParts } from './specs/frame.js';
import { byPhrase, describeFilters, formatPeriod, formatTimeRange, joinLabels } from './titles.js';

/**
 * What the chart choosers share: the chosen chart's shape, the options, the context every chooser reads, the
 * chart title, and the ordering and additivity rules.
 */
export type ChartKind =
  'line' | 'column' | 'bar' | 'donut' | 'paired_bar' | 'stacked_bar' | 'grouped_bar' | 'heatmap';

export interface ChosenChart {
  type: ChartKind;
  /** A Vega-Lite v6 spec with the data inlined. */
  spec: Record<string, unknown>;
  title: string;
}

export interface ChooseChartOptions {
  /** Overrides plan.chart, e.g. a follow-up "show that as a pie" re-rendering the stored result. */
  preference?: string;
  /** Catalog metric entries (label, format, additive, lowerIsBetter); without them, guessed from names and values. */
  metrics?: Record<string, MetricInfo>;
  /** Catalog dimension entries (label, valueOrder). */
  dimensions?: Record<string, DimensionInfo>;
  /** Bars shown before the rest is rolled up into "Others" (default 15). */
  maxBars?: number;
  /** The days the result can cover: date buckets the data covers only in part are drawn distinctly. */
  coverage?: DateSpan;
  /** The result contract: column roles, ids, units and grains, read instead of guessed (see analyze.ts). */
  columns?: readonly ChartColumnMeta[];
}

export const DEFAULT_MAX_BARS = 15;

/** A value's place in its dimension's catalog order (sizes XS…6XL); values it does not list go last. */
export function valueRank(d: DimensionColumn, label: string): number {
  const order = d.valueOrder ?? [];
  const i = order.findIndex((v) => v.toUpperCase() === label.toUpperCase());
  return i === -1 ? order.length : i;
}
export const isNaturallyOrdered = (d: DimensionColumn): boolean => d.valueOrder !== undefined;

/**
 * The rows a ranking shows are its top (or bottom) ones: the chart cut the list (`shown` < `of`), or the plan's
 * limit cut it in the query (as many rows as the limit: there may be more).
 */
export function topRows(ctx: Ctx, shown: number, of: number): TopRows | undefined {
  const limit = ctx.plan?.limit;
  const cut = shown < of || (limit !== undefined && of >= limit);
  return cut ? { count: shown, bottom: ctx.plan?.sort?.direction === 'asc' } : undefined;
}

/** What every chooser reads: the plan, the result, its analysed shape, the options and the primary measure. */
export interface Ctx {
  plan: Plan | undefined;
  result: QueryResult;
  shape: ResultShape;
  options: ChooseChartOptions;
  preference: string;
  primary: MeasureColumn;
}

// --- titles ------------------------------------------------------------------------------------------------------

export function periodText(ctx: Ctx, timeDim?: DimensionColumn): string | null {
  if (ctx.plan?.timeRange) return formatTimeRange(ctx.plan.timeRange);
  if (!timeDim) return null;
  const ms = ctx.result.rows.map((r) => dateMs(r[timeDim.index])).filter((v): v is number => v !== null);
  if (ms.length === 0) return null;
  const from = new Date(Math.min(...ms)).toISOString().slice(0, 10);
  const last = new Date(Math.max(...ms));
  // A month bucket covers its whole month; a week bucket its seven days.
  if (timeDim.grain === 'month') last.setUTCMonth(last.getUTCMonth() + 1, 0);
  if (timeDim.grain === 'week') last.setUTCDate(last.getUTCDate() + 6);
  return formatPeriod(from, last.toISOString().slice(0, 10));
}

/** A ranking that shows only its first rows: the title says "Top 10 states by revenue", not "Revenue by state". */
export interface TopRows {
  count: number;
  bottom: boolean;
}

export function titleFor(
  ctx: Ctx,
  measures: MeasureColumn[],
  dims: DimensionColumn[],
  when: string | null,
  extra: string[] = [],
  top?: TopRows,
): TitleParts {
  const what = joinLabels(measures.map((m) => m.info.label));
  const by = dims.length > 0 ? ` by ${byPhrase(dims.map((d) => d.label))}` : '';
  const head =
    top && dims.length === 1
      ? `${top.bottom ? 'Bottom' : 'Top'} ${top.count} ${dims[0]!.plural} by ${inSentence(what)}`
      : `${what}${by}`;
  const title = `${head}${when ? `, ${when}` : ''}`;
  const subtitle: string[] = [];
  const filters = ctx.plan
    ? describeFilters(ctx.plan.filters, (id) => dimensionLabel(id, ctx.options.dimensions))
    : null;
  if (filters) subtitle.push(filters);
  subtitle.push(...extra);
  if (ctx.result.truncated) subtitle.push('Result was cut at the row limit: not every row is shown.');
  return { title, subtitle };
}

// --- helpers -----------------------------------------------------------------------------------------------------

export interface Row {
  label: string;
  value: number;
  raw: number;
}

export function measureValue(ctx: Ctx, row: readonly unknown[], m: MeasureColumn): number | null {
  return toNumber(row[m.index] as never);
}

/** Sum-able and non-negative: may be rolled up into "Others", stacked, or drawn as parts of a whole. */
export function isAdditive(ctx: Ctx, m: MeasureColumn, values: readonly number[]): boolean {
  return m.info.additive && values.every((v) => v >= 0);
}

export function sortRows<T extends { label: string; value: number }>(
  ctx: Ctx,
  dim: DimensionColumn,
  rows: T[],
): T[] {
  if (isNaturallyOrdered(dim)) {
    return [...rows].sort(
      (a, b) => valueRank(dim, a.label) - valueRank(dim, b.label) || a.label.localeCompare(b.label),
    );
  }
  const asc = ctx.plan?.sort?.direction === 'asc';
  return [...rows].sort((a, b) => (asc ? a.value - b.value : b.value - a.value));
}
