import {
  formatIndianCompact,
  formatIndianNumber,
  formatInrCompact,
  formatPercent,
  compactUnitFor,
} from '../format/money.js';
import { changeBetween, formatChangeIn } from '../format/change.js';
import { pluralLabel } from '../semantic/label-text.js';
import { FORMAT_INDIAN, FORMAT_INR } from './theme.js';

/**
 * What a chart needs to know about a metric or dimension id. The shape matches the catalog's entries
 * (data/catalog.yml: label, format, additive, lowerIsBetter, valueOrder, plural), so the caller passes the catalog straight
 * in; columns it does not know (LLM SQL) fall back to a guess from the name and the values.
 */
export type ValueFormat = 'inr' | 'count' | 'percent' | 'number';

export interface MetricInfo {
  label: string;
  format: ValueFormat;
  /** Can group values be summed into a total / an "Others" bar? (revenue yes, AOV and rates no) */
  additive: boolean;
  /** A rise is bad news (cancellations, returns); the catalog says which. */
  lowerIsBetter?: boolean;
}

export interface DimensionInfo {
  label: string;
  /** Its values' noun in the plural ("states", "statuses"); the catalog derives it from the label unless it says. */
  plural?: string;
  /** Values in the order a person expects them (sizes XS…6XL): bars and series follow it, not the values. */
  valueOrder?: readonly string[];
}

/**
 * The one column a chart knows without the catalog: the compiler's `share` (a share of the total), which is no
 * catalog metric. Every metric's label, format, additivity and polarity come from the catalog the caller passes.
 */
const RESULT_COLUMNS: Record<string, MetricInfo> = {
  share: { label: 'Share of total', format: 'percent', additive: true },
};

export const TIME_GRAINS = ['day', 'week', 'month'] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];

export function isTimeGrain(id: string): id is TimeGrain {
  return (TIME_GRAINS as readonly string[]).includes(id);
}

/** "courier_status" → "Courier status"; "total_amount" → "Total amount". */
export function humanize(id: string): string {
  const words = id.replace(/[_\s]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}

export function metricInfo(
  id: string,
  catalog: Record<string, MetricInfo> | undefined,
  values: readonly number[] = [],
): MetricInfo {
  const known = catalog?.[id] ?? RESULT_COLUMNS[id];
  if (known) return known;
  const lower = id.toLowerCase();
  if (/(rate|share|pct|percent|ratio)/.test(lower) && values.every((v) => Math.abs(v) <= 1.0001)) {
    return { label: humanize(id), format: 'percent', additive: false };
  }
  if (/(revenue|amount|sales|aov|mrp|price|value|gmv|inr|rupee)/.test(lower)) {
    return { label: humanize(id), format: 'inr', additive: !/(aov|avg|average|mrp|price)/.test(lower) };
  }
  const allIntegers = values.every((v) => Number.isInteger(v));
  return {
    label: humanize(id),
    format: allIntegers ? 'count' : 'number',
    additive: !/(avg|average|mean|median)/.test(lower),
  };
}

export function dimensionLabel(id: string, catalog: Record<string, DimensionInfo> | undefined): string {
  return catalog?.[id]?.label ?? humanize(id);
}

/** "Top 15 of 37 states": the catalog's plural of a dimension, or the plural of the label it is shown with. */
export function dimensionPlural(
  id: string,
  label: string,
  catalog: Record<string, DimensionInfo> | undefined,
): string {
  return catalog?.[id]?.plural ?? pluralLabel(label);
}

/** A value as text in a label on the chart (bar ends, tiles, tooltips). */
export function formatValue(value: number, format: ValueFormat): string {
  switch (format) {
    case 'inr':
      // Paise only matter below ₹1,000 (an AOV); "₹57,312" reads better than "₹57,312.24" on a chart.
      return formatInrCompact(
        Math.abs(value) >= 1000 && Math.abs(value) < 100_000 ? Math.round(value) : value,
      );
    case 'percent':
      return formatPercent(value);
    case 'count':
      // Exact counts up to a crore ("1,20,378"), abbreviated beyond.
      return Math.abs(value) < 10_000_000 && Number.isInteger(value)
        ? formatIndianNumber(value)
        : formatIndianCompact(value);
    case 'number':
      return formatIndianCompact(value);
  }
}

/** A change as text, in the unit src/format/change.ts picks: relative for amounts and counts, pp for rates. */
export function formatChange(
  current: number,
  previous: number | null | undefined,
  format: ValueFormat,
): string | null {
  const change = changeBetween(current, previous, format);
  return change ? (formatChangeIn(change.value, change.unit) ?? null) : null;
}

/**
 * The axis `format`/`formatType` pair for a value format (custom types are registered by renderPng). Money and
 * counts get one unit for the whole axis, chosen from the largest value on it (`values`): "₹0.5 Cr, ₹1 Cr", never
 * "₹50 L" next to "₹1 Cr".
 */
export function axisFormat(format: ValueFormat, values: readonly number[] = []): Record<string, unknown> {
  const unit = compactUnitFor(Math.max(0, ...values.map((v) => Math.abs(v))));
  switch (format) {
    case 'inr':
      return { format: unit, formatType: FORMAT_INR };
    case 'percent':
      return { format: '~%' };
    case 'count':
    case 'number':
      return { format: unit, formatType: FORMAT_INDIAN };
  }
}
