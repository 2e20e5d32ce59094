import { axisFormat, formatValue, type ValueFormat } from '../fields.js';
import { CHART_COLORS } from '../theme.js';
import { baseSpec, headerPx, paddedMax, type Spec, type TitleParts } from './frame.js';

/** Horizontal bars: a ranking, one value this period against the last, and rankings paired with a prior period. */
export interface BarItem {
  label: string;
  value: number;
  /** The label at the bar end; defaults to the formatted value. */
  text?: string;
  others?: boolean;
  /** A rate from a small sample: drawn in the light tint (the subtitle says why). */
  small?: boolean;
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
    kind: i.others ? 'others' : i.small ? 'small' : 'item',
  }));
  const kinds = ['item', 'others', ...(items.some((i) => i.small) ? ['small'] : [])];
  const kindColours = [CHART_COLORS.primary, CHART_COLORS.others, CHART_COLORS.previous];
  const height = headerPx(t) + 48 + items.length * 26;
  const min = Math.min(0, ...items.map((i) => i.value));
  const maxX = Math.max(paddedMax(items.map((i) => i.value)), ...values.map(labelEnd));
  return {
    ...baseSpec(t, height),
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
        scale: { domain: [min < 0 ? min * 1.1 : 0, maxX], nice: false },
        axis: {
          ...axisFormat(opts.format, [maxX, min]),
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
            scale: { domain: kinds, range: kindColours.slice(0, kinds.length) },
            legend: null,
          },
        },
      },
      ...valueLabels(hasNegative, 11),
    ],
  };
}

/**
 * The axis end that leaves room for a bar's end label ("14.7% (n = 50,284)") in a plot ~600 px wide, at ~6.5 px
 * a character: the bar may fill what the label leaves of the width.
 */
function labelEnd(bar: { value: number; text: string }): number {
  if (bar.value <= 0) return 0;
  return bar.value / (1 - Math.min(0.5, (bar.text.length * 6.5) / 600));
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
    ...baseSpec(t, height),
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
