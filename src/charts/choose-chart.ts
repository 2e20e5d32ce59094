import type { Plan } from '../semantic/plan.js';
import type { QueryResult } from '../warehouse/types.js';
import {
  analyzeResult,
  categoryLabel,
  dateMs,
  toNumber,
  type DimensionColumn,
  type MeasureColumn,
} from './analyze.js';
import {
  DEFAULT_MAX_BARS,
  isAdditive,
  isNaturallyOrdered,
  measureValue,
  periodText,
  valueRank,
  sortRows,
  titleFor,
  topRows,
  type ChooseChartOptions,
  type ChosenChart,
  type Ctx,
  type Row,
} from './chart-context.js';
import { twoDimensions } from './choose-two-dimensions.js';
import { formatChange, formatValue, type MetricInfo } from './fields.js';
import { pluralLabel } from '../semantic/label-text.js';
import {
  horizontalBarSpec,
  pairedBarSpec,
  twoPeriodSpec,
  type BarItem,
  type PairedItem,
} from './specs/bars.js';
import { donutSpec } from './specs/donut.js';
import { lineSpec } from './specs/line.js';
import { timeColumnsSpec } from './specs/time-columns.js';
import type { TimePoint } from './specs/time-axis.js';
import { comparisonLabels } from './titles.js';
import { inSentence } from '../semantic/label-text.js';
import { partialBuckets, partialList } from '../semantic/bucket-coverage.js';
import { SMALL_SAMPLE_ROWS, sampleSizes, smallSampleNote, withSampleSize } from './sample-size.js';

export type { ChartKind, ChooseChartOptions, ChosenChart } from './chart-context.js';

const MAX_DONUT_PARTS = 6;
const MAX_LINE_SERIES = 6;

/**
 * Picks the chart for an answer: a pure function of the plan (when there is one), the result and the options.
 * Returns null when a chart would not help (a single number, an empty result, more than two dimensions, or the user
 * asked for a table).
 */
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
  const samples = sampleSizes(ctx, dim);
  let items: BarItem[] = sorted.map((r) => {
    const n = samples?.byLabel.get(r.label);
    return {
      label: r.label,
      value: r.value,
      text: withSampleSize(shareText(r.value), n),
      ...(n !== undefined && n < SMALL_SAMPLE_ROWS ? { small: true } : {}),
    };
  });
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
      notes.push(`Top ${maxBars} of ${sorted.length} ${dim.plural}; the rest added up as Others`);
    } else {
      items = head;
      notes.push(
        `${ctx.plan?.sort?.direction === 'asc' ? 'Bottom' : 'Top'} ${maxBars} of ${sorted.length} ${dim.plural}`,
      );
    }
  }
  if (isShare && additive && total > 0)
    notes.push(`Percentages are shares of the total ${formatValue(total, primary.info.format)}`);
  if (samples && items.some((i) => i.small)) notes.push(smallSampleNote(samples.unit));
  // Rolled up into Others, every row of the result is still on the chart: a "Top N" only if the query cut it.
  const shownRows = items.some((i) => i.others) ? sorted.length : items.length;
  const top = isNaturallyOrdered(dim) ? undefined : topRows(ctx, shownRows, sorted.length);
  const t = titleFor(ctx, [primary], [dim], when, notes, top);
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
  const top = isNaturallyOrdered(dim) ? undefined : topRows(ctx, shown.length, sorted.length);
  const t = titleFor(ctx, [primary], [dim], `${labels.current} vs ${labels.previous}`, notes, top);
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

/**
 * A rate, share or average (the catalog says not additive, and the value is not a count): a line of it is read for
 * its movement, which a zero baseline flattens. Counts of distinct orders are not additive either, but start at zero.
 */
function isRateOrAverage(m: MeasureColumn): boolean {
  if (m.info.format === 'percent') return true;
  return !m.info.additive && m.unknownMetric !== true && m.info.format !== 'count';
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
      ? [...ranked].sort((a, b) => valueRank(seriesDim, a) - valueRank(seriesDim, b))
      : ranked;
    const keep = new Set(ranked.slice(0, MAX_LINE_SERIES));
    seriesOrder = ordered.filter((s) => keep.has(s));
    shownPoints = points.filter((p) => keep.has(p.series!));
    if (ranked.length > MAX_LINE_SERIES) {
      notes.push(`The ${MAX_LINE_SERIES} largest of ${ranked.length} ${seriesDim.plural}`);
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
      `Partial ${pluralLabel(grain)}, ${columns ? 'faded' : 'hollow and dashed'}: ${partialList(partial)}`,
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
  return {
    type: 'line',
    title: t.title,
    spec: lineSpec(t, shownPoints, { ...opts, fromZero: !measures.every(isRateOrAverage) }),
  };
}
