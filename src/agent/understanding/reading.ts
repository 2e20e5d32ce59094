import { createHash } from 'node:crypto';
import { booleanFilterValue } from '../../semantic/boolean-values.js';
import type { Catalog } from '../../semantic/catalog.js';
import { inSentence, plural } from '../../semantic/label-text.js';
import {
  normalizePlanKey,
  THRESHOLD_WORDS,
  type Filter,
  type Plan,
  type Threshold,
  type TimeRange,
} from '../../semantic/plan.js';
import { previousPeriod } from '../../semantic/time-range.js';
import type { Alternative } from '../answer.js';
import { formatCell, formatDateAtGrain, formatDayRange } from '../format-value.js';

/**
 * "The reading": how a question was understood, in plain words in the order a person says them, so every answer
 * can state it and the user can spot a misreading at a glance:
 *
 *   revenue · by month · B2B orders only · all dates (31 Mar–29 Jun 2022)
 *   orders · top 5 states · Kurta only · May 2022
 *   revenue · Amazon vs Merchant · June 2022
 *   units · excluding Kerala · last 7 days (23–29 Jun 2022)
 *   revenue · Jun 2022 vs May 2022
 *
 * Parts: what is measured · share · the breakdown (or "A vs B") · filters · the period. Labels come from the
 * catalog, dates go through format-value.ts. Pure: the same plan always reads the same.
 */
export const READING_SEPARATOR = ' · ';

export interface ReadingOptions {
  /**
   * The date coverage of the plan's source. A plan without a time range then reads "all dates (31 Mar–29 Jun
   * 2022)" rather than "all dates".
   */
  coverage?: { from: string; to: string };
  /** Words that stand for the metrics, e.g. "sales summary" for a summary's KPI plan. */
  subject?: string;
}

export function describeReading(plan: Plan, catalog: Catalog, opts: ReadingOptions = {}): string {
  const parts: string[] = [
    opts.subject ??
      (plan.countGroups
        ? `number of ${plural(dimensionLabel(plan.groupBy[0] ?? 'row', catalog))}`
        : metricsPhrase(plan, catalog)),
  ];
  if (plan.share)
    parts.push(
      plan.shareWithin?.length
        ? `share of each ${plan.shareWithin.map((d) => dimensionLabel(d, catalog)).join(' and ')}`
        : 'share of total',
    );
  const { phrases, shown } = plan.countGroups
    ? { phrases: [], shown: new Set<Filter>() }
    : breakdown(plan, catalog);
  parts.push(...phrases);
  // "revenue · by week · change on the week before": each bucket beside the one before it.
  const grain = plan.stepChange ? plan.groupBy.find((d) => catalog.dimensions[d]?.grain) : undefined;
  if (grain) parts.push(`change on the ${dimensionLabel(grain, catalog)} before`);
  for (const t of plan.threshold ?? []) parts.push(thresholdPhrase(t, catalog));
  if (plan.changeKept)
    parts.push(plan.changeKept === 'grew' ? 'only those that grew' : 'only those that fell');
  for (const f of plan.filters) if (!shown.has(f)) parts.push(filterPhrase(f, catalog));
  const when = periodPart(plan, catalog, opts.coverage);
  if (when) parts.push(when);
  return parts.filter(Boolean).join(READING_SEPARATOR);
}

/** "revenue over ₹9.00 L", "stock under 10". */
function thresholdPhrase(t: Threshold, catalog: Catalog): string {
  const format = catalog.metrics[t.metric]?.format ?? 'number';
  return `${metricLabel(t.metric, catalog)} ${THRESHOLD_WORDS[t.op]} ${formatCell(t.value, format)}`;
}

/** "revenue", "revenue and orders", "revenue, orders and units". */
function metricsPhrase(plan: Plan, catalog: Catalog): string {
  return list(
    plan.metrics.map((id) => metricLabel(id, catalog)),
    'and',
  );
}

function metricLabel(id: string, catalog: Catalog): string {
  return inSentence(catalog.metrics[id]?.label ?? id.replaceAll('_', ' '));
}

function dimensionLabel(id: string, catalog: Catalog): string {
  return inSentence(catalog.dimensions[id]?.label ?? id.replaceAll('_', ' '));
}

/**
 * The breakdown: "by month", "by category and size", "top 5 states", "bottom 3 categories". A grouped dimension
 * restricted to some values reads as the comparison it is: "Amazon vs Merchant" (that filter is then shown here).
 */
function breakdown(plan: Plan, catalog: Catalog): { phrases: string[]; shown: Set<Filter> } {
  const shown = new Set<Filter>();
  const phrases: string[] = [];
  const rest: string[] = [];
  for (const dim of plan.groupBy) {
    const picked = plan.filters.find((f) => f.dimension === dim && f.op === 'in' && f.values.length >= 2);
    if (picked) {
      shown.add(picked);
      // "those SKUs" from the last answer: ten side by side read as how many, with the first few named.
      const many = picked.values.length > 4;
      const named = picked.values.slice(0, many ? 3 : undefined).map((v) => valueText(dim, v, catalog));
      phrases.push(
        many
          ? `${picked.values.length} ${plural(dimensionLabel(dim, catalog))} (${named.join(', ')}, …)`
          : named.join(' vs '),
      );
    } else rest.push(dim);
  }
  if (rest.length) phrases.push(groupPhrase(plan, rest, catalog));
  return { phrases, shown };
}

function groupPhrase(plan: Plan, dims: string[], catalog: Catalog): string {
  const labels = dims.map((d) => dimensionLabel(d, catalog));
  const by = metricSortSuffix(plan, catalog);
  if (!plan.limit) return `by ${labels.join(' and ')}${by}`;
  const rank = rankWord(plan, catalog);
  const n = plan.limit;
  if (labels.length === 1) {
    const noun = n === 1 ? labels[0]! : plural(labels[0]!);
    return `${rank}${n === 1 ? '' : ` ${n}`} ${noun}${plan.combined ? ' combined' : ''}${by}`;
  }
  return `${rank} ${n} by ${labels.join(' and ')}${by}`;
}

/** Which end of the ordering a limit keeps: a ranking's top or bottom, a date series' first or latest. */
function rankWord(plan: Plan, catalog: Catalog): 'top' | 'bottom' | 'first' | 'latest' {
  const sortBy = plan.sort?.by;
  const byDimension = sortBy !== undefined && plan.groupBy.includes(sortBy);
  // Without a sort the compiler orders a date series by date and anything else by the first metric, descending.
  const byDate = !plan.sort && plan.groupBy.some((d) => catalog.dimensions[d]?.grain);
  if (byDimension || byDate) return (plan.sort?.direction ?? 'asc') === 'asc' ? 'first' : 'latest';
  return plan.sort?.direction === 'asc' ? 'bottom' : 'top';
}

/** " by orders" when the ranking is by another metric than the first one named. */
function metricSortSuffix(plan: Plan, catalog: Catalog): string {
  const by = plan.sort?.by;
  if (!plan.limit || !by || by === plan.metrics[0] || !plan.metrics.includes(by)) return '';
  return ` by ${metricLabel(by, catalog)}`;
}

/** Dimensions whose bare values read poorly ("M only"): their label goes first ("size M only"). */
const LABELLED_VALUES = new Set(['size']);

/** "Kurta only", "Kurta or Set", "excluding Kerala", "B2B orders only", "without a promotion". */
function filterPhrase(f: Filter, catalog: Catalog): string {
  const named = catalog.dimensions[f.dimension]?.values;
  if (named && f.values.length === 1) {
    const yes = booleanValue(named, f.values[0]!);
    if (yes !== null) {
      const phrase = named[yes === (f.op === 'in') ? 'true' : 'false'].phrase;
      // "for B2B orders" → "B2B orders only"; "with a promotion" stays as it is.
      return /^for /i.test(phrase) ? `${phrase.slice(4)} only` : phrase;
    }
  }
  const values = f.values.map((v) => valueText(f.dimension, v, catalog));
  const label = LABELLED_VALUES.has(f.dimension) ? `${dimensionLabel(f.dimension, catalog)} ` : '';
  if (f.op === 'not_in') return `excluding ${label}${list(values, 'and')}`;
  return values.length === 1 ? `${label}${values[0]} only` : `${label}${list(values, 'or')}`;
}

function booleanValue(
  named: NonNullable<Catalog['dimensions'][string]['values']>,
  value: string | number | boolean,
): boolean | null {
  try {
    return booleanFilterValue(named, value);
  } catch {
    return null;
  }
}

/** A filter value as the answer shows it: yes/no values by their catalog label, dates as dates. */
function valueText(dimension: string, value: string | number | boolean, catalog: Catalog): string {
  const def = catalog.dimensions[dimension];
  if (def?.values) {
    const yes = booleanValue(def.values, value);
    if (yes !== null) return def.values[yes ? 'true' : 'false'].label;
  }
  if (def?.grain && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (def.grain === 'month') return formatDateAtGrain(value, 'month');
    const day = formatDayRange(value, value);
    return def.grain === 'week' ? `week of ${day}` : day;
  }
  return String(value);
}

/**
 * The period: "May 2022", "last 7 days (23–29 Jun 2022)", "Jun 2022 vs May 2022", "June 2022 vs the previous
 * period (May 2022)" … and "all dates" without a time range (nothing for a source without dates, e.g. stock).
 */
function periodPart(plan: Plan, catalog: Catalog, coverage: ReadingOptions['coverage']): string | undefined {
  const range = plan.timeRange;
  if (!range) {
    if (!catalog.sources[plan.source]?.dateColumn) return undefined;
    return coverage ? `all dates (${formatDayRange(coverage.from, coverage.to)})` : 'all dates';
  }
  const compare = plan.compareTo;
  if (!compare) return rangeText(range);
  const short = { shortMonths: true };
  if (compare === 'previous_period') {
    const previous = previousPeriod(range);
    return `${rangeText(range, short)} vs the previous period (${formatDayRange(previous.from, previous.to, short)})`;
  }
  return `${rangeText(range, short)} vs ${rangeText(compare, short)}`;
}

/** Relative words a label starts with, kept in front of the dates: "last 7 days", "latest day", "Q2 2022". */
const RELATIVE_WORDS = /^(last|previous|latest|this|past|first|q[1-4])\b/i;

function rangeText(range: TimeRange, options: { shortMonths?: boolean } = {}): string {
  const dates = formatDayRange(range.from, range.to, options);
  const head = range.label.split(' (')[0]!.trim();
  if (/^all\b/i.test(head)) return `all dates (${dates})`;
  const words = head.replace(/^the\s+/i, '');
  if (!RELATIVE_WORDS.test(words) || /\d{4}-\d{2}-\d{2}/.test(words) || words === dates) return dates;
  return `${words} (${dates})`;
}

/** "a", "a or b", "a, b or c". */
function list(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "state" → "states", "category" → "categories", "order status" → "order statuses", "SKU" → "SKUs". */
/** A stable id for an alternative reading: the same plan always gets the same id (a button value, never words). */
export function alternativeId(plan: Plan): string {
  return `alt-${createHash('sha256').update(normalizePlanKey(plan)).digest('base64url').slice(0, 12)}`;
}

/** At most this many alternatives are offered ("Not what I meant" lists them as buttons). */
export const MAX_ALTERNATIVES = 4;

/**
 * The resolver's next-best readings as the Answer carries them: each with its id and a label (the reading of its
 * plan when the resolver gave none), without the chosen plan itself and without duplicates.
 */
export function toAlternatives(
  candidates: readonly { label: string; plan: Plan }[] | undefined,
  chosen: Plan | undefined,
  catalog: Catalog,
  opts: ReadingOptions = {},
): Alternative[] {
  const seen = new Set<string>(chosen ? [alternativeId(chosen)] : []);
  const out: Alternative[] = [];
  for (const c of candidates ?? []) {
    const id = alternativeId(c.plan);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label: c.label.trim() || describeReading(c.plan, catalog, opts), plan: c.plan });
    if (out.length === MAX_ALTERNATIVES) break;
  }
  return out;
}
