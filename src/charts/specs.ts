import { formatInrCompact } from '../format/money.js';
import { axisFormat, formatValue, type TimeGrain, type ValueFormat } from './fields.js';
import { CHART_COLORS, CHART_PALETTE, CHART_WIDTH_PX, chartThemeConfig } from './theme.js';

/**
 * Vega-Lite spec builders, one per chart kind. Every spec is plain data: values inlined under fixed field names
 * (label, value, text, …) so no column name or user text is ever parsed as a field path or an expression; text
 * shown on the chart is computed here (src/format/money.ts) and carried as data.
 */
export const VEGA_LITE_SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface TitleParts {
  title: string;
  subtitle: string[];
}

type Spec = Record<string, unknown>;

const TITLE_LINE_PX = 24;
const SUBTITLE_LINE_PX = 17;
/** Title block height for the layout arithmetic (autosize "fit" counts it inside the given height). */
function headerPx(t: TitleParts): number {
  return 30 + TITLE_LINE_PX * titleLines(t.title).length + SUBTITLE_LINE_PX * t.subtitle.length;
}

/** Splits a long title at ", " so it never runs off the image. */
function titleLines(title: string): string[] {
  if (title.length <= 58) return [title];
  const cut = title.lastIndexOf(', ', 58);
  if (cut > 20) return [title.slice(0, cut + 1), title.slice(cut + 2)];
  return [title];
}

function titleBlock(t: TitleParts): Record<string, unknown> {
  const lines = titleLines(t.title);
  return {
    text: lines.length === 1 ? lines[0] : lines,
    ...(t.subtitle.length > 0 ? { subtitle: t.subtitle.length === 1 ? t.subtitle[0] : t.subtitle } : {}),
  };
}

function base(t: TitleParts, heightPx: number, widthPx = CHART_WIDTH_PX): Spec {
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    description: t.title,
    title: titleBlock(t),
    width: widthPx,
    height: Math.round(heightPx),
    autosize: { type: 'fit', contains: 'padding' },
    config: chartThemeConfig(),
  };
}

/** Room after the longest bar for its value label. */
function paddedMax(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  return max > 0 ? max * 1.22 : 1;
}

// ---------------------------------------------------------------------------------------------------------------
export interface BarItem {
  label: string;
  value: number;
  /** The label at the bar end; defaults to the formatted value. */
  text?: string;
  others?: boolean;
}

export function horizontalBarSpec(
  t: TitleParts,
  items: readonly BarItem[],
  opts: { format: ValueFormat; valueTitle: string },
): Spec {
  const hasNegative = items.some((i) => i.value < 0);
  const values = items.map((i) => ({
    label: i.label,
    value: i.value,
    text: i.text ?? formatValue(i.value, opts.format),
    kind: i.others ? 'others' : 'item',
  }));
  const height = headerPx(t) + 48 + items.length * 26;
  const min = Math.min(0, ...items.map((i) => i.value));
  return {
    ...base(t, height),
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: items.map((i) => i.label),
        title: null,
        axis: { labelLimit: 230, labelPadding: 6 },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        title: opts.valueTitle,
        scale: { domain: [min < 0 ? min * 1.1 : 0, paddedMax(items.map((i) => i.value))], nice: false },
        axis: {
          ...axisFormat(opts.format, [paddedMax(items.map((i) => i.value)), min]),
          tickCount: 5,
          grid: true,
        },
      },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.72 } },
        encoding: {
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['item', 'others'], range: [CHART_COLORS.primary, CHART_COLORS.others] },
            legend: null,
          },
        },
      },
      ...valueLabels(hasNegative, 11),
    ],
  };
}

/**
 * The value written just right of each bar's end (from the row's preformatted `text`). Left out when a value is
 * negative: a label placed to the right of a bar that grows leftwards would land on the bar itself.
 */
function valueLabels(hasNegative: boolean, fontSize: number): Spec[] {
  if (hasNegative) return [];
  return [
    {
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize },
      encoding: { text: { field: 'text', type: 'nominal' } },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
export interface TimePoint {
  /** epoch ms (UTC midnight) */
  x: number;
  value: number;
  series?: string;
  /** The data covers this bucket only in part (a month it ends inside): drawn hollow and dashed, or faded. */
  partial?: boolean;
}

/** Opacity of a column the data covers only in part. */
const PARTIAL_OPACITY = 0.4;

const TIME_LABEL_FORMAT: Record<TimeGrain, string> = { day: '%-d %b', week: '%-d %b', month: '%b %Y' };

export function lineSpec(
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
      title: opts.valueTitle,
      scale: { zero: true },
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
    return partialLineSpec(base(t, height), points, encoding, { strokeWidth, pointSize });
  return {
    ...base(t, height),
    data: { values: points.map((p) => ({ x: p.x, value: p.value, series: p.series ?? '' })) },
    mark: {
      type: 'line',
      strokeWidth,
      ...(showPoints ? { point: { filled: true, size: pointSize } } : {}),
    },
    encoding,
  };
}

/**
 * A line whose partial buckets read as such: the line through complete buckets solid, the segments to a partial
 * bucket dashed, complete buckets as filled points and partial ones hollow.
 */
function partialLineSpec(
  head: Spec,
  points: readonly TimePoint[],
  encoding: Record<string, unknown>,
  style: { strokeWidth: number; pointSize: number },
): Spec {
  const row = (p: TimePoint, segment = '') => ({ x: p.x, value: p.value, series: p.series ?? '', segment });
  const bySeries = new Map<string, TimePoint[]>();
  for (const p of points) bySeries.set(p.series ?? '', [...(bySeries.get(p.series ?? '') ?? []), p]);
  const dashed: ReturnType<typeof row>[] = [];
  for (const [series, list] of bySeries) {
    const sorted = [...list].sort((a, b) => a.x - b.x);
    sorted.forEach((p, i) => {
      const next = sorted[i + 1];
      if (next && (p.partial || next.partial)) {
        const segment = `${series}\u0000${i}`;
        dashed.push(row(p, segment), row(next, segment));
      }
    });
  }
  const { color, ...xy } = encoding as { color?: unknown } & Record<string, unknown>;
  const colour = color ? { color } : {};
  return {
    ...head,
    encoding: xy,
    layer: [
      {
        data: { values: points.filter((p) => !p.partial).map((p) => row(p)) },
        mark: { type: 'line', strokeWidth: style.strokeWidth },
        encoding: colour,
      },
      {
        data: { values: dashed },
        mark: { type: 'line', strokeWidth: style.strokeWidth, strokeDash: [6, 4] },
        encoding: { ...colour, detail: { field: 'segment', type: 'nominal' } },
      },
      {
        data: { values: points.filter((p) => !p.partial).map((p) => row(p)) },
        mark: { type: 'point', filled: true, size: style.pointSize, opacity: 1 },
        encoding: colour,
      },
      {
        data: { values: points.filter((p) => p.partial).map((p) => row(p)) },
        mark: {
          type: 'point',
          filled: false,
          size: style.pointSize,
          strokeWidth: 2,
          opacity: 1,
          fill: '#FFFFFF',
        },
        encoding: colour,
      },
    ],
  };
}

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
      ...base(t, height),
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
    ...base(t, height),
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function periodLabel(ms: number, grain: TimeGrain): string {
  const d = new Date(ms);
  const m = MONTHS[d.getUTCMonth()]!;
  return grain === 'month' ? `${m} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${m}`;
}

// ---------------------------------------------------------------------------------------------------------------
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
    ...base(t, height),
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

// ---------------------------------------------------------------------------------------------------------------
export interface PairedItem {
  label: string;
  current: number;
  previous: number | null;
  /** "▲ 5.2%" / "▼ 1.1 pp" */
  delta: string | null;
}

export function pairedBarSpec(
  t: TitleParts,
  items: readonly PairedItem[],
  opts: { format: ValueFormat; valueTitle: string; currentLabel: string; previousLabel: string },
): Spec {
  const values = items.flatMap((i) => [
    ...(i.previous === null
      ? []
      : [
          {
            label: i.label,
            period: opts.previousLabel,
            value: i.previous,
            text: formatValue(i.previous, opts.format),
          },
        ]),
    {
      label: i.label,
      period: opts.currentLabel,
      value: i.current,
      text: `${formatValue(i.current, opts.format)}${i.delta ? `   ${i.delta}` : ''}`,
    },
  ]);
  const height = headerPx(t) + 80 + items.length * 44;
  const hasNegative = values.some((v) => v.value < 0);
  return {
    ...base(t, height),
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: items.map((i) => i.label),
        title: null,
        axis: { labelLimit: 230, labelPadding: 6 },
      },
      yOffset: { field: 'period', type: 'nominal', sort: [opts.previousLabel, opts.currentLabel] },
      x: {
        field: 'value',
        type: 'quantitative',
        title: opts.valueTitle,
        scale: { domain: [0, paddedMax(values.map((v) => v.value)) * 1.08], nice: false },
        axis: { ...axisFormat(opts.format, [paddedMax(values.map((v) => v.value)) * 1.08]), tickCount: 5 },
      },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          color: {
            field: 'period',
            type: 'nominal',
            scale: {
              domain: [opts.previousLabel, opts.currentLabel],
              range: [CHART_COLORS.previous, CHART_COLORS.primary],
            },
            legend: { title: null, orient: 'top', direction: 'horizontal' },
          },
        },
      },
      ...valueLabels(hasNegative, 10.5),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
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
      ...base(t, height),
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
    ...base(t, height),
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
  const height = headerPx(t) + 110 + opts.rowOrder.length * 26;
  return {
    ...base(t, height),
    data: { values },
    encoding: {
      x: {
        field: 'col',
        type: 'nominal',
        sort: opts.colOrder,
        title: opts.colTitle,
        axis: {
          orient: 'top',
          labelAngle: 0,
          labelOverlap: false,
          labelLimit: 90,
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

/** One value this period against the last: two bars and the change in the subtitle. */
export function twoPeriodSpec(
  t: TitleParts,
  current: { label: string; value: number },
  previous: { label: string; value: number },
  opts: { format: ValueFormat; valueTitle: string; delta: string | null },
): Spec {
  const spec = horizontalBarSpec(
    t,
    [
      { label: previous.label, value: previous.value },
      {
        label: current.label,
        value: current.value,
        text: `${formatValue(current.value, opts.format)}${opts.delta ? `   ${opts.delta}` : ''}`,
      },
    ],
    opts,
  );
  // The previous period in the light tint, the current one in the primary colour.
  const layer = spec.layer as Spec[];
  const barLayer = layer[0] as { encoding: Record<string, unknown> };
  barLayer.encoding = {
    color: {
      field: 'label',
      type: 'nominal',
      scale: {
        domain: [previous.label, current.label],
        range: [CHART_COLORS.previous, CHART_COLORS.primary],
      },
      legend: null,
    },
  };
  return spec;
}
