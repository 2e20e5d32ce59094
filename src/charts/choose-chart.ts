import type { Plan } from '../semantic/plan.js';
import type { QueryResult } from '../warehouse/types.js';
import {
  analyzeResult,
  categoryLabel,
  dateMs,
  toNumber,
  type ChartColumnMeta,
  type DimensionColumn,
  type MeasureColumn,
  type ResultShape,
} from './analyze.js';
import {
  dimensionLabel,
  formatChange,
  formatValue,
  pluralLabel,
  type DimensionInfo,
  type MetricInfo,
} from './fields.js';
import {
  horizontalBarSpec,
  pairedBarSpec,
  twoPeriodSpec,
  type BarItem,
  type PairedItem,
} from './specs/bars.js';
import { heatmapSpec, stackedBarSpec, type Cell2 } from './specs/cross-tab.js';
import { donutSpec } from './specs/donut.js';
import type { TitleParts } from './specs/frame.js';
import { lineSpec } from './specs/line.js';
import { timeColumnsSpec } from './specs/time-columns.js';
import { periodLabel, type TimePoint } from './specs/time-axis.js';
import {
  byPhrase,
  comparisonLabels,
  describeFilters,
  formatPeriod,
  formatTimeRange,
  joinLabels,
} from './titles.js';
import { inSentence } from '../semantic/label-text.js';
import { partialBuckets, partialList, type DateSpan } from '../semantic/bucket-coverage.js';

/**
 * Picks the chart for an answer: a pure function of the plan (when there is one), the result and the options.
 * Returns null when a chart would not help (a single number, an empty result, more than two dimensions, or the user
 * asked for a table).
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
  /** Catalog metric entries (label, format, additive); built-in defaults cover the standard ids. */
  metrics?: Record<string, MetricInfo>;
  /** Catalog dimension entries (label). */
  dimensions?: Record<string, DimensionInfo>;
  /** Bars shown before the rest is rolled up into "Others" (default 15). */
  maxBars?: number;
  /** The days the result can cover: date buckets the data covers only in part are drawn distinctly. */
  coverage?: DateSpan;
  /** The result contract: column roles, ids, units and grains, read instead of guessed (see analyze.ts). */
  columns?: readonly ChartColumnMeta[];
}

const DEFAULT_MAX_BARS = 15;
const MAX_DONUT_PARTS = 6;
const MAX_LINE_SERIES = 6;
const MAX_STACK_PARTS = 7;
const MAX_GROUPED_PARTS = 4;

/** Clothing sizes in the order a person expects them, not by value. */
const SIZE_ORDER = [
  'XXS',
  'XS',
  'S',
  'M',
  'L',
  'XL',
  'XXL',
  '2XL',
  '3XL',
  'XXXL',
  '4XL',
  '5XL',
  '6XL',
  'FREE',
];
function sizeRank(label: string): number {
  const i = SIZE_ORDER.indexOf(label.toUpperCase());
  return i === -1 ? SIZE_ORDER.length : i;
}
const isNaturallyOrdered = (d: DimensionColumn): boolean => d.id === 'size';

export function chooseChart(
  plan: Plan | undefined,
  result: QueryResult,
  options: ChooseChartOptions = {},
): ChosenChart | null {
  const preference = (options.preference ?? plan?.chart ?? 'auto').toLowerCase();
  if (preference === 'table' || result.rows.length === 0) return null;
  const shape = analyzeResult(plan, result, options);
  const primary = shape.measures[0];
  if (!primary) return null;
  const ctx: Ctx = { plan, result, shape, options, preference, primary };
  const time = shape.dimensions.filter((d) => d.grain !== undefined);
  const cats = shape.dimensions.filter((d) => d.grain === undefined);

  if (shape.dimensions.length === 0) {
    return primary.previousIndex !== undefined && result.rows.length === 1 ? twoPeriods(ctx) : null;
  }
  if (time.length === 1 && cats.length === 0) return timeSeries(ctx, time[0]!, undefined);
  if (time.length === 1 && cats.length === 1) {
    if (preference === 'heatmap') return twoDimensions(ctx, cats[0]!, time[0]!);
    return timeSeries(ctx, time[0]!, cats[0]!);
  }
  if (time.length === 0 && cats.length === 1) return oneDimension(ctx, cats[0]!);
  if (time.length === 0 && cats.length === 2) return twoDimensions(ctx, cats[0]!, cats[1]!);
  return null;
}

interface Ctx {
  plan: Plan | undefined;
  result: QueryResult;
  shape: ResultShape;
  options: ChooseChartOptions;
  preference: string;
  primary: MeasureColumn;
}

// --- titles ------------------------------------------------------------------------------------------------------

function periodText(ctx: Ctx, timeDim?: DimensionColumn): string | null {
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

function titleFor(
  ctx: Ctx,
  measures: MeasureColumn[],
  dims: DimensionColumn[],
  when: string | null,
  extra: string[] = [],
): TitleParts {
  const what = joinLabels(measures.map((m) => m.info.label));
  const by = dims.length > 0 ? ` by ${byPhrase(dims.map((d) => d.label))}` : '';
  const title = `${what}${by}${when ? `, ${when}` : ''}`;
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

interface Row {
  label: string;
  value: number;
  raw: number;
}

function measureValue(ctx: Ctx, row: readonly unknown[], m: MeasureColumn): number | null {
  return toNumber(row[m.index] as never);
}

/** Sum-able and non-negative: may be rolled up into "Others", stacked, or drawn as parts of a whole. */
function isAdditive(ctx: Ctx, m: MeasureColumn, values: readonly number[]): boolean {
  return m.info.additive && values.every((v) => v >= 0);
}

function sortRows<T extends { label: string; value: number }>(
  ctx: Ctx,
  dim: DimensionColumn,
  rows: T[],
): T[] {
  if (isNaturallyOrdered(dim)) {
    return [...rows].sort((a, b) => sizeRank(a.label) - sizeRank(b.label) || a.label.localeCompare(b.label));
  }
  const asc = ctx.plan?.sort?.direction === 'asc';
  return [...rows].sort((a, b) => (asc ? a.value - b.value : b.value - a.value));
}

// --- one categorical dimension ----------------------------------------------------------------------------------

function oneDimension(ctx: Ctx, dim: DimensionColumn): ChosenChart | null {
  const { primary, preference } = ctx;
  const rows: Row[] = [];
  for (const r of ctx.result.rows) {
    const v = measureValue(ctx, r, primary);
    if (v === null) continue;
    rows.push({ label: categoryLabel(r[dim.index], dim.id), value: v, raw: v });
  }
  if (rows.length === 0) return null;
  if (primary.previousIndex !== undefined) return pairedBars(ctx, dim);

  const when = periodText(ctx);
  // Parts of a whole: an additive metric, or the compiler's share column adding up to 100 %.
  const shareIndex = ctx.shape.shareIndex;
  const shareSum =
    shareIndex === undefined ? null : ctx.result.rows.reduce((s, r) => s + (toNumber(r[shareIndex]) ?? 0), 0);
  const sharesAddUp = shareSum !== null && (Math.abs(shareSum - 1) < 0.02 || Math.abs(shareSum - 100) < 2);
  const additive =
    (isAdditive(
      ctx,
      primary,
      rows.map((r) => r.value),
    ) ||
      sharesAddUp) &&
    rows.every((r) => r.value >= 0) &&
    !ctx.result.truncated;
  const wantsPie = preference === 'pie' || preference === 'donut';
  const isShare = shareIndex !== undefined || ctx.plan?.share === true;

  if (
    additive &&
    rows.length >= 2 &&
    ((wantsPie && rows.length <= 12) || (isShare && rows.length <= MAX_DONUT_PARTS && preference === 'auto'))
  ) {
    const sorted = sortRows(ctx, dim, rows);
    const parts =
      sorted.length > MAX_DONUT_PARTS
        ? [
            ...sorted.slice(0, MAX_DONUT_PARTS - 1),
            {
              label: `Others (${sorted.length - MAX_DONUT_PARTS + 1} more)`,
              value: sorted.slice(MAX_DONUT_PARTS - 1).reduce((s, r) => s + r.value, 0),
              raw: 0,
              others: true,
            },
          ]
        : sorted;
    const t = titleFor(ctx, [primary], [dim], when, [`Share of ${inSentence(primary.info.label)}`]);
    return {
      type: 'donut',
      title: t.title,
      spec: donutSpec(t, parts, {
        format: primary.info.format,
        seriesTitle: dim.label,
        totalCaption: inSentence(primary.info.label),
      }),
    };
  }

  // Ranking: sorted horizontal bars, the tail rolled up when it is long.
  const maxBars = ctx.options.maxBars ?? DEFAULT_MAX_BARS;
  const sorted = sortRows(ctx, dim, rows);
  const total = rows.reduce((s, r) => s + r.value, 0);
  const shareText = (v: number): string =>
    isShare && additive && total > 0
      ? `${formatValue(v, primary.info.format)} (${((v / total) * 100).toFixed(1)}%)`
      : formatValue(v, primary.info.format);
  let items: BarItem[] = sorted.map((r) => ({ label: r.label, value: r.value, text: shareText(r.value) }));
  const notes: string[] = [];
  if (items.length > maxBars && !isNaturallyOrdered(dim)) {
    const head = items.slice(0, maxBars);
    const tail = items.slice(maxBars);
    if (additive) {
      const rest = tail.reduce((s, i) => s + i.value, 0);
      items = [
        ...head,
        { label: `Others (${tail.length} more)`, value: rest, text: shareText(rest), others: true },
      ];
      notes.push(
        `Top ${maxBars} of ${sorted.length} ${pluralLabel(dim.id, dim.label)}; the rest added up as Others`,
      );
    } else {
      items = head;
      notes.push(
        `${ctx.plan?.sort?.direction === 'asc' ? 'Bottom' : 'Top'} ${maxBars} of ${sorted.length} ${pluralLabel(dim.id, dim.label)}`,
      );
    }
  }
  if (isShare && additive && total > 0)
    notes.push(`Percentages are shares of the total ${formatValue(total, primary.info.format)}`);
  const t = titleFor(ctx, [primary], [dim], when, notes);
  return {
    type: 'bar',
    title: t.title,
    spec: horizontalBarSpec(t, items, { format: primary.info.format, valueTitle: primary.info.label }),
  };
}

// --- comparisons --------------------------------------------------------------------------------------------------

function delta(current: number, previous: number | null, format: MetricInfo['format']): string | null {
  const change = formatChange(current, previous, format);
  if (!change || previous === null) return null;
  const arrow = current > previous ? '▲' : current < previous ? '▼' : '■';
  return `${arrow} ${change.replace(/^[+-]/, '')}`;
}

function pairedBars(ctx: Ctx, dim: DimensionColumn): ChosenChart {
  const { primary } = ctx;
  const labels = comparisonLabels(ctx.plan);
  const items: (PairedItem & { value: number })[] = [];
  for (const r of ctx.result.rows) {
    const current = toNumber(r[primary.index]);
    if (current === null) continue;
    const previous = primary.previousIndex === undefined ? null : toNumber(r[primary.previousIndex]);
    items.push({
      label: categoryLabel(r[dim.index], dim.id),
      current,
      previous,
      value: current,
      delta: delta(current, previous, primary.info.format),
    });
  }
  const maxBars = ctx.options.maxBars ?? DEFAULT_MAX_BARS;
  const sorted = sortRows(ctx, dim, items);
  const shown = isNaturallyOrdered(dim) ? sorted : sorted.slice(0, maxBars);
  const notes =
    shown.length < sorted.length ? [`Top ${shown.length} of ${sorted.length} by ${labels.current}`] : [];
  const t = titleFor(ctx, [primary], [dim], `${labels.current} vs ${labels.previous}`, notes);
  return {
    type: 'paired_bar',
    title: t.title,
    spec: pairedBarSpec(t, shown, {
      format: primary.info.format,
      valueTitle: primary.info.label,
      currentLabel: labels.current,
      previousLabel: labels.previous,
    }),
  };
}

function twoPeriods(ctx: Ctx): ChosenChart | null {
  const { primary } = ctx;
  const row = ctx.result.rows[0]!;
  const current = toNumber(row[primary.index]);
  const previous = primary.previousIndex === undefined ? null : toNumber(row[primary.previousIndex]);
  if (current === null || previous === null) return null;
  const labels = comparisonLabels(ctx.plan);
  const d = delta(current, previous, primary.info.format);
  const t = titleFor(ctx, [primary], [], `${labels.current} vs ${labels.previous}`);
  return {
    type: 'paired_bar',
    title: t.title,
    spec: twoPeriodSpec(
      t,
      { label: labels.current, value: current },
      { label: labels.previous, value: previous },
      { format: primary.info.format, valueTitle: primary.info.label, delta: d },
    ),
  };
}

// --- time series --------------------------------------------------------------------------------------------------

function timeSeries(
  ctx: Ctx,
  timeDim: DimensionColumn,
  seriesDim: DimensionColumn | undefined,
): ChosenChart | null {
  const { primary, preference } = ctx;
  const grain = timeDim.grain ?? 'day';
  // Several metrics share one chart only when they read on the same axis (revenue and net revenue, not revenue and
  // orders); otherwise the first metric is drawn.
  const measures = seriesDim
    ? [primary]
    : ctx.shape.measures.filter((m) => m.info.format === primary.info.format).slice(0, MAX_LINE_SERIES);
  const partial = partialBuckets(
    ctx.result.rows.map((r) => String(r[timeDim.index] ?? '')),
    grain,
    ctx.options.coverage,
  );
  const partialAt = new Set(partial.map((b) => dateMs(b.start)));
  const points: TimePoint[] = [];
  for (const r of ctx.result.rows) {
    const x = dateMs(r[timeDim.index]);
    if (x === null) continue;
    for (const m of measures) {
      const value = toNumber(r[m.index]);
      if (value === null) continue;
      const series = seriesDim
        ? categoryLabel(r[seriesDim.index], seriesDim.id)
        : measures.length > 1
          ? m.info.label
          : undefined;
      points.push({
        x,
        value,
        ...(series !== undefined ? { series } : {}),
        ...(partialAt.has(x) ? { partial: true } : {}),
      });
    }
  }
  if (points.length === 0) return null;
  const notes: string[] = [];
  let seriesOrder: string[] | undefined;
  let shownPoints = points;
  if (seriesDim) {
    const totals = new Map<string, number>();
    for (const p of points) totals.set(p.series!, (totals.get(p.series!) ?? 0) + Math.abs(p.value));
    const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    const ordered = isNaturallyOrdered(seriesDim)
      ? [...ranked].sort((a, b) => sizeRank(a) - sizeRank(b))
      : ranked;
    const keep = new Set(ranked.slice(0, MAX_LINE_SERIES));
    seriesOrder = ordered.filter((s) => keep.has(s));
    shownPoints = points.filter((p) => keep.has(p.series!));
    if (ranked.length > MAX_LINE_SERIES) {
      notes.push(
        `The ${MAX_LINE_SERIES} largest of ${ranked.length} ${pluralLabel(seriesDim.id, seriesDim.label)}`,
      );
    }
  } else if (measures.length > 1) {
    seriesOrder = measures.map((m) => m.info.label);
  }
  const dims = seriesDim ? [timeDim, seriesDim] : [timeDim];
  const wantsBars = preference === 'bar' || preference === 'stacked_bar' || preference === 'grouped_bar';
  const distinctX = new Set(shownPoints.map((p) => p.x)).size;
  const columns =
    wantsBars &&
    distinctX <= 40 &&
    (!seriesDim ||
      isAdditive(
        ctx,
        primary,
        shownPoints.map((p) => p.value),
      ));
  if (partial.length)
    notes.push(
      `Partial ${pluralLabel(grain, grain)}, ${columns ? 'faded' : 'hollow and dashed'}: ${partialList(partial)}`,
    );
  const t = titleFor(ctx, measures, dims, periodText(ctx, timeDim), notes);
  const opts = {
    grain,
    format: primary.info.format,
    valueTitle: measures.length > 1 ? '' : primary.info.label,
    ...(seriesDim ? { seriesTitle: seriesDim.label } : {}),
    ...(seriesOrder ? { seriesOrder } : {}),
  };
  if (columns) return { type: 'column', title: t.title, spec: timeColumnsSpec(t, shownPoints, opts) };
  return { type: 'line', title: t.title, spec: lineSpec(t, shownPoints, opts) };
}

// --- two dimensions -----------------------------------------------------------------------------------------------

function twoDimensions(ctx: Ctx, a: DimensionColumn, b: DimensionColumn): ChosenChart | null {
  const { primary, preference } = ctx;
  // Dates at their grain ("Apr 2022", "4 Apr"), ordered by the date they stand for.
  const dateOf = new Map<string, number>();
  const label = (d: DimensionColumn, cell: unknown): string => {
    if (d.grain === undefined) return categoryLabel(cell as never, d.id);
    const ms = dateMs(cell as string) ?? 0;
    const text = periodLabel(ms, d.grain);
    dateOf.set(text, ms);
    return text;
  };
  const raw: { a: string; b: string; value: number }[] = [];
  for (const r of ctx.result.rows) {
    const v = toNumber(r[primary.index]);
    if (v === null) continue;
    raw.push({ a: label(a, r[a.index]), b: label(b, r[b.index]), value: v });
  }
  if (raw.length === 0) return null;
  const totalsOf = (key: 'a' | 'b'): Map<string, number> => {
    const m = new Map<string, number>();
    for (const c of raw) m.set(c[key], (m.get(c[key]) ?? 0) + c.value);
    return m;
  };
  const order = (d: DimensionColumn, totals: Map<string, number>): string[] => {
    const keys = [...totals.keys()];
    if (d.grain !== undefined) return keys.sort((x, y) => (dateOf.get(x) ?? 0) - (dateOf.get(y) ?? 0));
    if (isNaturallyOrdered(d)) return keys.sort((x, y) => sizeRank(x) - sizeRank(y) || x.localeCompare(y));
    return keys.sort((x, y) => totals.get(y)! - totals.get(x)!);
  };
  const aTotals = totalsOf('a');
  const bTotals = totalsOf('b');
  const additive =
    isAdditive(
      ctx,
      primary,
      raw.map((c) => c.value),
    ) && !ctx.result.truncated;
  const density = raw.length / (aTotals.size * bTotals.size);
  const dense = aTotals.size * bTotals.size >= 24 && density >= 0.5;

  if (
    preference === 'heatmap' ||
    (preference === 'auto' && dense) ||
    (!additive && preference !== 'grouped_bar' && aTotals.size * bTotals.size > 24)
  ) {
    // Rows: the dimension with more values (reads down the page); columns: the shorter one (size across the top).
    // Ordered dimensions (size, dates) read left to right; otherwise the shorter dimension goes across.
    const ordered = (d: DimensionColumn): boolean => isNaturallyOrdered(d) || d.grain !== undefined;
    const aAcross = ordered(a) !== ordered(b) ? ordered(a) : aTotals.size < bTotals.size;
    const [rowDim, colDim] = aAcross ? [b, a] : [a, b];
    const rowKey = rowDim === a ? 'a' : 'b';
    const rowTotals = rowDim === a ? aTotals : bTotals;
    const colTotals = rowDim === a ? bTotals : aTotals;
    const rowOrder = order(rowDim, rowTotals).slice(0, 30);
    const colOrder = order(colDim, colTotals).slice(0, 16);
    const keepRow = new Set(rowOrder);
    const keepCol = new Set(colOrder);
    const cells: Cell2[] = raw
      .map((c) => ({ row: rowKey === 'a' ? c.a : c.b, col: rowKey === 'a' ? c.b : c.a, value: c.value }))
      .filter((c) => keepRow.has(c.row) && keepCol.has(c.col));
    const notes =
      rowOrder.length < rowTotals.size || colOrder.length < colTotals.size
        ? [
            `Largest ${rowOrder.length} of ${rowTotals.size} ${pluralLabel(rowDim.id, rowDim.label)} and ${colOrder.length} of ${colTotals.size} ${pluralLabel(colDim.id, colDim.label)}`,
          ]
        : [];
    const t = titleFor(
      ctx,
      [primary],
      [rowDim, colDim],
      periodText(ctx, a.grain ? a : b.grain ? b : undefined),
      notes,
    );
    return {
      type: 'heatmap',
      title: t.title,
      spec: heatmapSpec(t, cells, {
        format: primary.info.format,
        valueTitle: primary.info.label,
        rowOrder,
        colOrder,
        rowTitle: rowDim.label,
        colTitle: colDim.label,
      }),
    };
  }

  // Bars: the dimension with more values on the rows, the other as colours (stacked when additive).
  const [rowDim, colDim] = bTotals.size > aTotals.size && !isNaturallyOrdered(b) ? [b, a] : [a, b];
  const rowKey = rowDim === a ? 'a' : 'b';
  const rowTotals = rowDim === a ? aTotals : bTotals;
  const colTotals = rowDim === a ? bTotals : aTotals;
  const grouped = preference === 'grouped_bar' || !additive;
  const maxParts = grouped ? MAX_GROUPED_PARTS : MAX_STACK_PARTS;
  const maxRows = grouped ? 10 : (ctx.options.maxBars ?? DEFAULT_MAX_BARS);
  const rowOrder = order(rowDim, rowTotals).slice(0, maxRows);
  const colRanked = order(colDim, colTotals);
  const keepCols = new Set(colRanked.slice(0, maxParts));
  const rolled = colRanked.length > maxParts && additive;
  const othersLabel = `Others (${colRanked.length - maxParts} more)`;
  const colOrder = [...colRanked.filter((c) => keepCols.has(c)), ...(rolled ? [othersLabel] : [])];
  const keepRows = new Set(rowOrder);
  const merged = new Map<string, Cell2>();
  for (const c of raw) {
    const row = rowKey === 'a' ? c.a : c.b;
    let col = rowKey === 'a' ? c.b : c.a;
    if (!keepRows.has(row)) continue;
    if (!keepCols.has(col)) {
      if (!rolled) continue;
      col = othersLabel;
    }
    const key = `${row}\u0000${col}`;
    const prev = merged.get(key);
    merged.set(key, { row, col, value: (prev?.value ?? 0) + c.value });
  }
  const notes: string[] = [];
  if (rowOrder.length < rowTotals.size)
    notes.push(`Top ${rowOrder.length} of ${rowTotals.size} ${pluralLabel(rowDim.id, rowDim.label)}`);
  if (colRanked.length > maxParts && !rolled)
    notes.push(`Top ${maxParts} of ${colRanked.length} ${pluralLabel(colDim.id, colDim.label)}`);
  const t = titleFor(ctx, [primary], [rowDim, colDim], periodText(ctx), notes);
  return {
    type: grouped ? 'grouped_bar' : 'stacked_bar',
    title: t.title,
    spec: stackedBarSpec(t, [...merged.values()], {
      format: primary.info.format,
      valueTitle: primary.info.label,
      rowOrder,
      colOrder,
      colTitle: colDim.label,
      grouped,
    }),
  };
}
