import { axisFormat, type TimeGrain, type ValueFormat } from '../fields.js';
import { CHART_PALETTE } from '../theme.js';
import { baseSpec, headerPx, type Spec, type TitleParts } from './frame.js';
import { partialLineSpec } from './partial.js';
import { TIME_LABEL_FORMAT, type TimePoint } from './time-axis.js';

/** A line over time, one line per series; points drawn when the series is short enough to read them. */
export function lineSpec(
  t: TitleParts,
  points: readonly TimePoint[],
  opts: {
    grain: TimeGrain;
    format: ValueFormat;
    valueTitle: string;
    seriesTitle?: string;
    seriesOrder?: string[];
    /** false for rates and averages: the axis fits the values, and its title says it does not start at zero. */
    fromZero?: boolean;
  },
): Spec {
  const fromZero = opts.fromZero ?? true;
  const multi = opts.seriesOrder !== undefined && opts.seriesOrder.length > 1;
  const perSeries = new Map<string, number>();
  for (const p of points) perSeries.set(p.series ?? '', (perSeries.get(p.series ?? '') ?? 0) + 1);
  const longest = Math.max(0, ...perSeries.values());
  const showPoints = longest <= 20;
  const legendRows = multi ? Math.ceil((opts.seriesOrder?.length ?? 0) / 4) : 0;
  const height = headerPx(t) + 300 + (multi ? 30 + legendRows * 18 : 0);
  const xAxis: Record<string, unknown> = {
    format: TIME_LABEL_FORMAT[opts.grain],
    labelAngle: 0,
    labelOverlap: true,
    grid: false,
    title: null,
  };
  // Ticks exactly on the data's buckets (vega's week interval starts on Sunday, DuckDB's weeks on Monday).
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(xs.length / (opts.grain === 'month' ? 12 : 8)));
  if (opts.grain !== 'day' || xs.length <= 14) xAxis.values = xs.filter((_, i) => i % every === 0);
  else xAxis.tickCount = { interval: 'week', step: 2 };
  const encoding = {
    x: {
      field: 'x',
      type: 'temporal',
      scale: { type: 'utc', ...(showPoints ? { padding: 14 } : {}) },
      axis: xAxis,
    },
    y: {
      field: 'value',
      type: 'quantitative',
      title: fromZero ? opts.valueTitle : axisNotFromZero(opts.valueTitle),
      scale: { zero: fromZero },
      axis: {
        ...axisFormat(
          opts.format,
          points.map((p) => p.value),
        ),
        tickCount: 5,
      },
    },
    ...(multi
      ? {
          color: {
            field: 'series',
            type: 'nominal',
            sort: opts.seriesOrder,
            title: opts.seriesTitle ?? null,
            scale: { range: [...CHART_PALETTE] },
          },
        }
      : {}),
  };
  const strokeWidth = multi ? 2 : 2.5;
  const pointSize = multi ? 35 : 55;
  if (points.some((p) => p.partial))
    return partialLineSpec(baseSpec(t, height), points, encoding, { strokeWidth, pointSize });
  return {
    ...baseSpec(t, height),
    data: { values: points.map((p) => ({ x: p.x, value: p.value, series: p.series ?? '' })) },
    mark: {
      type: 'line',
      strokeWidth,
      ...(showPoints ? { point: { filled: true, size: pointSize } } : {}),
    },
    encoding,
  };
}

/** "Cancellation rate (axis not from zero)": a moved baseline is said where the reader looks. */
export function axisNotFromZero(valueTitle: string): string {
  return valueTitle ? `${valueTitle} (axis not from zero)` : 'Axis not from zero';
}
