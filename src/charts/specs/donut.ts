import { formatValue, type ValueFormat } from '../fields.js';
import { CHART_COLORS, CHART_PALETTE } from '../theme.js';
import { baseSpec, headerPx, type Spec, type TitleParts } from './frame.js';

/** Shares of a whole: a donut with the total in the middle and every share in the legend. */
export interface DonutPart {
  label: string;
  value: number;
  others?: boolean;
}

export function donutSpec(
  t: TitleParts,
  parts: readonly DonutPart[],
  opts: { format: ValueFormat; seriesTitle: string; totalCaption: string },
): Spec {
  const total = parts.reduce((s, p) => s + p.value, 0);
  const values = parts.map((p, rank) => {
    const share = total > 0 ? p.value / total : 0;
    const pct = `${(share * 100).toFixed(1)}%`;
    return {
      rank,
      value: p.value,
      legend: `${p.label}  ${pct} · ${formatValue(p.value, opts.format)}`,
      // Percentages inside slices only where they fit; every share is in the legend anyway.
      text: share >= 0.05 ? pct : '',
    };
  });
  const height = headerPx(t) + 300;
  const radius = 130;
  const arcPosition = {
    theta: { field: 'value', type: 'quantitative', stack: true },
    order: { field: 'rank', type: 'quantitative', sort: 'ascending' },
  };
  return {
    ...baseSpec(t, height),
    layer: [
      {
        data: { values },
        mark: { type: 'arc', innerRadius: radius * 0.55, outerRadius: radius },
        encoding: {
          ...arcPosition,
          color: {
            field: 'legend',
            type: 'nominal',
            sort: values.map((v) => v.legend),
            scale: {
              range: parts.map((p, i) =>
                p.others ? CHART_COLORS.others : CHART_PALETTE[i % CHART_PALETTE.length]!,
              ),
            },
            legend: {
              title: opts.seriesTitle,
              orient: 'right',
              direction: 'vertical',
              columns: 1,
              labelFontSize: 12,
              symbolSize: 140,
              labelLimit: 320,
            },
          },
        },
      },
      {
        data: { values },
        mark: { type: 'text', radius: radius * 0.78, fontSize: 12, fontWeight: 'bold', fill: '#FFFFFF' },
        encoding: { ...arcPosition, text: { field: 'text', type: 'nominal' } },
      },
      {
        data: { values: [{ line: formatValue(total, opts.format) }] },
        mark: {
          type: 'text',
          fontSize: 17,
          fontWeight: 'bold',
          x: { expr: 'width / 2' },
          y: { expr: 'height / 2' },
          dy: -8,
          baseline: 'middle',
        },
        encoding: { text: { field: 'line', type: 'nominal' } },
      },
      {
        data: { values: [{ line: `total ${opts.totalCaption}` }] },
        mark: {
          type: 'text',
          fontSize: 11,
          color: CHART_COLORS.muted,
          x: { expr: 'width / 2' },
          y: { expr: 'height / 2' },
          dy: 12,
          baseline: 'middle',
        },
        encoding: { text: { field: 'line', type: 'nominal' } },
      },
    ],
  };
}
