import { z } from 'zod';
import { SOURCE_NAMES, type SourceName } from '../warehouse/sources/source-definitions.js';

/**
 * The Plan: the one structure the planner, the LLM, the SQL compiler, the cache, the charts and follow-ups share.
 * Metric and dimension ids come from the catalog (data/catalog.yml); the compiler rejects unknown ids.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** The data sources, one per definition in src/warehouse/sources/. */
export const SOURCES = SOURCE_NAMES;
export type Source = SourceName;

export const TimeRangeSchema = z.object({
  /** Inclusive start. */
  from: isoDate,
  /** Inclusive end. */
  to: isoDate,
  /** How a person would say it: "June 2022", "last 30 days (2022-05-31 to 2022-06-29)". */
  label: z.string(),
});
export type TimeRange = z.infer<typeof TimeRangeSchema>;

export const FilterSchema = z.object({
  dimension: z.string(),
  op: z.enum(['in', 'not_in']),
  /** Values exactly as they exist in the data (matched by the planner). */
  values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
});
export type Filter = z.infer<typeof FilterSchema>;

export const CHART_TYPES = [
  'auto',
  'bar',
  'line',
  'donut',
  'pie',
  'heatmap',
  'stacked_bar',
  'grouped_bar',
  'table',
] as const;
export type ChartPreference = (typeof CHART_TYPES)[number];

export const THRESHOLD_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];
export const ThresholdSchema = z.object({
  metric: z.string(),
  op: z.enum(THRESHOLD_OPS),
  value: z.number(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;
/** How a threshold reads in the reading and the definitions: "revenue over ₹9 L". */
export const THRESHOLD_WORDS: Record<ThresholdOp, string> = {
  gt: 'over',
  gte: 'at least',
  lt: 'under',
  lte: 'at most',
};

export const PlanSchema = z.object({
  source: z.enum(SOURCES),
  metrics: z.array(z.string()).min(1),
  groupBy: z.array(z.string()).default([]),
  filters: z.array(FilterSchema).default([]),
  timeRange: TimeRangeSchema.optional(),
  /** Compare each metric with the previous period of equal length, or with an explicit range. */
  compareTo: z.union([z.literal('previous_period'), TimeRangeSchema]).optional(),
  sort: z.object({ by: z.string(), direction: z.enum(['asc', 'desc']) }).optional(),
  limit: z.number().int().positive().max(1000).optional(),
  /** Add each group's share of the total of the first metric. */
  share: z.boolean().default(false),
  /**
   * Shares within each value of these breakdowns rather than of the grand total: "promo share in each category"
   * (groupBy category + promotion, shareWithin category), "FBA share by month". A subset of groupBy.
   */
  shareWithin: z.array(z.string()).optional(),
  /**
   * "the top 5 states combined": the ranked rows (sort + limit over one breakdown) summed into one row, with the
   * group names listed. Only for additive metrics, whose sum is the figure for the groups together.
   */
  combined: z.boolean().optional(),
  /**
   * "days over 9 lakh", "SKUs under 5 units": keep only the groups whose metric passes every condition (a HAVING
   * on the breakdown). Each metric must be among `metrics`.
   */
  threshold: z.array(ThresholdSchema).optional(),
  /**
   * "which of those grew": keep only the groups whose first metric rose ('grew') or fell ('fell') against the
   * comparison period. Needs compareTo and a breakdown.
   */
  changeKept: z.enum(['grew', 'fell']).optional(),
  /** "how many days…": the number of groups that pass `threshold`, one row. Needs one breakdown. */
  countGroups: z.boolean().optional(),
  /**
   * "revenue by week, WoW": a date series whose every bucket carries the one before it and the change from it.
   * Needs a date grain among groupBy and no compareTo.
   */
  stepChange: z.boolean().optional(),
  /** Presentation only: the chart the user asked for. Never changes the SQL or the cache key. */
  chart: z.enum(CHART_TYPES).default('auto'),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

export function parsePlan(input: unknown): Plan {
  return PlanSchema.parse(input);
}

/** Stable key for caching: presentation fields dropped, arrays in canonical order. */
export function normalizePlanKey(plan: Plan): string {
  const { chart: _chart, ...rest } = plan;
  const filters = [...rest.filters]
    .map((f) => ({ ...f, values: [...f.values].map(String).sort() }))
    .sort((a, b) => (a.dimension + a.op).localeCompare(b.dimension + b.op));
  return stableStringify({ ...rest, filters });
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
