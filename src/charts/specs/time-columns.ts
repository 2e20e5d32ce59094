import { axisFormat, formatValue, type TimeGrain, type ValueFormat } from '../fields.js';
import { CHART_PALETTE } from '../theme.js';
import { baseSpec, headerPx, paddedMax, type Spec, type TitleParts } from './frame.js';
import { PARTIAL_OPACITY } from './partial.js';
import { periodLabel, type TimePoint } from './time-axis.js';

/** Vertical columns over time (a user asked for bars on a time series), preformatted period labels on x. */
export function timeColumnsSpec(
  t: TitleParts,
  points: readonly TimePoint[],
  opts: {
    grain: TimeGrain;
    format: ValueFormat;
    valueTitle: string;
    seriesTitle?: string;
    seriesOrder?: string[];
  },
): Spec {
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const label = (ms: number): string => periodLabel(ms, opts.grain);
  const multi = opts.seriesOrder !== undefined && opts.seriesOrder.length > 1;
  const height = headerPx(t) + 300 + (multi ? 50 : 0);
  const x = {
    field: 'period',
    type: 'ordinal',
    sort: xs.map(label),
    title: null,
    axis: { labelAngle: xs.length > 12 ? -45 : 0, labelOverlap: true },
  };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: opts.valueTitle,
    axis: {
      ...axisFormat(
        opts.format,
        points.map((p) => p.value),
      ),
      tickCount: 5,
    },
  };
  const anyPartial = points.some((p) => p.partial);
  const values = points.map((p) => ({
    period: label(p.x),
    value: p.value,
    series: p.series ?? '',
    text: formatValue(p.value, opts.format),
    ...(anyPartial ? { shade: p.partial ? PARTIAL_OPACITY : 1 } : {}),
  }));
  const bar = { type: 'bar', cornerRadiusEnd: 2, width: { band: xs.length <= 6 ? 0.55 : 0.8 } };
  // Partial buckets faded: the opacity is data (shade), used as is.
  const shade = anyPartial
    ? { opacity: { field: 'shade', type: 'quantitative', scale: null, legend: null } }
    : {};
  if (multi) {
    return {
      ...baseSpec(t, height),
      data: { values },
      mark: bar,
      encoding: {
        x,
        y,
        ...shade,
        color: {
          field: 'series',
          type: 'nominal',
          sort: opts.seriesOrder,
          title: opts.seriesTitle ?? null,
          scale: { range: [...CHART_PALETTE] },
        },
      },
    };
  }
  return {
    ...baseSpec(t, height),
    data: { values },
    encoding: { x, y: { ...y, scale: { domain: [0, paddedMax(points.map((p) => p.value)) / 1.1] } } },
    layer: [
      { mark: bar, ...(anyPartial ? { encoding: shade } : {}) },
      ...(xs.length <= 16
        ? [
            {
              mark: { type: 'text', baseline: 'bottom', dy: -5, fontSize: 11 },
              encoding: { text: { field: 'text', type: 'nominal' } },
            },
          ]
        : []),
    ],
  };
}
