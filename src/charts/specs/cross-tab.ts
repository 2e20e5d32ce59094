import { formatInrCompact } from '../../format/money.js';
import { axisFormat, formatValue, type ValueFormat } from '../fields.js';
import { CHART_COLORS, CHART_PALETTE, CHART_WIDTH_PX } from '../theme.js';
import { baseSpec, headerPx, paddedMax, type Spec, type TitleParts } from './frame.js';

/** Two dimensions at once (row × column cells): stacked or grouped bars, or a heatmap. */
export interface Cell2 {
  row: string;
  col: string;
  value: number;
}

export function stackedBarSpec(
  t: TitleParts,
  cells: readonly Cell2[],
  opts: {
    format: ValueFormat;
    valueTitle: string;
    rowOrder: string[];
    colOrder: string[];
    colTitle: string;
    grouped: boolean;
  },
): Spec {
  const rowCount = opts.rowOrder.length;
  const legendRows = Math.ceil(opts.colOrder.length / 4);
  const band = opts.grouped ? 14 * opts.colOrder.length + 10 : 26;
  const height = headerPx(t) + 70 + legendRows * 18 + rowCount * band;
  const totals = opts.rowOrder.map((row) => ({
    row,
    value: cells.filter((c) => c.row === row).reduce((s, c) => s + c.value, 0),
  }));
  const maxX = opts.grouped ? paddedMax(cells.map((c) => c.value)) : paddedMax(totals.map((r) => r.value));
  const colorRange = opts.colOrder.map((c, i) =>
    c.startsWith('Others') ? CHART_COLORS.others : CHART_PALETTE[i % CHART_PALETTE.length]!,
  );
  const y = {
    field: 'row',
    type: 'nominal',
    sort: opts.rowOrder,
    title: null,
    axis: { labelLimit: 230, labelPadding: 6 },
  };
  const x = {
    field: 'value',
    type: 'quantitative',
    title: opts.valueTitle,
    scale: { domain: [0, maxX], nice: false },
    axis: { ...axisFormat(opts.format, [maxX]), tickCount: 5 },
  };
  const color = {
    field: 'col',
    type: 'nominal',
    sort: opts.colOrder,
    title: opts.colTitle,
    scale: { domain: opts.colOrder, range: colorRange },
  };
  if (opts.grouped) {
    return {
      ...baseSpec(t, height),
      data: { values: cells.map((c) => ({ ...c, text: formatValue(c.value, opts.format) })) },
      encoding: { y, x, yOffset: { field: 'col', type: 'nominal', sort: opts.colOrder } },
      layer: [
        { mark: { type: 'bar', cornerRadiusEnd: 2 }, encoding: { color } },
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 9.5 },
          encoding: { text: { field: 'text', type: 'nominal' } },
        },
      ],
    };
  }
  return {
    ...baseSpec(t, height),
    encoding: { y },
    layer: [
      {
        data: { values: cells.map((c) => ({ ...c, order: opts.colOrder.indexOf(c.col) })) },
        mark: { type: 'bar', height: { band: 0.72 } },
        encoding: { x: { ...x, stack: 'zero' }, color, order: { field: 'order', type: 'quantitative' } },
      },
      {
        data: { values: totals.map((r) => ({ ...r, text: formatValue(r.value, opts.format) })) },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11 },
        encoding: { x, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}

const HEATMAP_LABEL_PX = 90;

export function heatmapSpec(
  t: TitleParts,
  cells: readonly Cell2[],
  opts: {
    format: ValueFormat;
    valueTitle: string;
    rowOrder: string[];
    colOrder: string[];
    rowTitle: string;
    colTitle: string;
  },
): Spec {
  const max = Math.max(0, ...cells.map((c) => c.value));
  const showText = opts.colOrder.length <= 14 && opts.rowOrder.length <= 30;
  const cellText = (v: number): string =>
    opts.format === 'inr' && Math.abs(v) >= 100_000 ? formatInrCompact(v, 1) : formatValue(v, opts.format);
  const values = cells.map((c) => ({
    ...c,
    text: showText ? cellText(c.value) : '',
    // Dark cells get white text: decided here, as data, so the spec needs no expression.
    ink: max > 0 && c.value / max > 0.55 ? 'light' : 'dark',
  }));
  // Column labels wider than their column are set at an angle (and cut at HEATMAP_LABEL_PX with an ellipsis) so
  // none overlap; ~6.5 px a character at the theme's 11 px label font, the row labels taking up to 200 px.
  const columnPx = (CHART_WIDTH_PX - 200) / Math.max(1, opts.colOrder.length);
  const angled = opts.colOrder.some((c) => Math.min(c.length * 6.5, HEATMAP_LABEL_PX) > columnPx - 8);
  const height = headerPx(t) + 110 + (angled ? 50 : 0) + opts.rowOrder.length * 26;
  return {
    ...baseSpec(t, height),
    data: { values },
    encoding: {
      x: {
        field: 'col',
        type: 'nominal',
        sort: opts.colOrder,
        title: opts.colTitle,
        axis: {
          orient: 'top',
          labelAngle: angled ? -40 : 0,
          ...(angled ? { labelAlign: 'left', labelBaseline: 'middle' } : {}),
          labelOverlap: false,
          labelLimit: HEATMAP_LABEL_PX,
          domain: false,
          ticks: false,
        },
      },
      y: {
        field: 'row',
        type: 'nominal',
        sort: opts.rowOrder,
        title: opts.rowTitle,
        axis: { labelLimit: 200, domain: false, ticks: false },
      },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#FFFFFF', strokeWidth: 1.5 },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: opts.valueTitle,
            scale: { scheme: 'blues', domainMin: 0 },
            legend: {
              orient: 'bottom',
              direction: 'horizontal',
              gradientLength: 260,
              ...axisFormat(opts.format, [max]),
            },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10, baseline: 'middle' },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          color: {
            field: 'ink',
            type: 'nominal',
            scale: { domain: ['dark', 'light'], range: [CHART_COLORS.text, '#FFFFFF'] },
            legend: null,
          },
        },
      },
    ],
  };
}
