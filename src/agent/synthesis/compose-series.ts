import type { DateGrain } from '../../format/dates.js';
import { bucketSpan, partialBuckets, partialPhrase, partialSummary } from '../../semantic/bucket-coverage.js';
import { daysBetweenInclusive } from '../../semantic/time-range.js';
import { inSentence } from '../../semantic/label-text.js';
import type { KeyFigure } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import { changeBetween, formatCell } from '../format-value.js';
import {
  capitalize,
  changeWords,
  context,
  num,
  plural,
  type ComposeInput,
  type ComposedText,
} from './text-parts.js';

interface Point {
  at: string;
  label: string;
  value: number;
  partial: boolean;
}

/** ", down 9.1% on the week before": a series carrying each bucket's change (WoW, MoM) says the latest one. */
function stepChangeOf(input: ComposeInput, dim: ColumnMeta, metric: ColumnMeta, at: string): string {
  const change = input.columns.find((c) => c.role === 'change' && c.ref === metric.ref);
  const row = input.result.rows.find((r) => String(r[dim.index] ?? '').slice(0, 10) === at);
  const value = change && row ? num(row[change.index]) : null;
  if (!change || value === null) return '';
  return `, ${changeWords(value, change.format)} on the ${inSentence(dim.label)} before`;
}

/**
 * One metric over time. Buckets the data covers only in part (March 2022 holds one day, June 29 of 30) are named
 * as such and left out of the change, the lowest and the average: "from March to April, +22937.9 %" compares a
 * day with a month. The latest partial bucket is compared like for like instead, per day, when the metric adds up.
 */
export function composeSeries(input: ComposeInput, dim: ColumnMeta, metric: ColumnMeta): ComposedText | null {
  const { result } = input;
  const grain = dim.grain ?? 'day';
  const partial = new Map(
    partialBuckets(
      result.rows.map((r) => String(r[dim.index] ?? '')),
      grain,
      input.coverage,
    ).map((b) => [b.start, b]),
  );
  // In time order, whatever the rows' order: "best day for revenue" sorts by revenue, but "latest" and "from …
  // to …" are about dates.
  const points: Point[] = result.rows
    .map((r) => {
      const at = String(r[dim.index] ?? '').slice(0, 10);
      const bucket = partial.get(at);
      const label = bucket ? partialPhrase(bucket) : formatCell(r[dim.index] ?? null, 'date', { grain });
      return { at, label, value: num(r[metric.index]), partial: bucket !== undefined };
    })
    .filter((p): p is Point => p.value !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
  if (!points.length) return null;
  const full = points.filter((p) => !p.partial);
  // With every bucket partial (one short week), there is nothing complete to prefer.
  const basis = full.length ? full : points;
  const derived: number[] = [];
  const peak = basis.reduce((a, b) => (b.value > a.value ? b : a));
  const low = basis.reduce((a, b) => (b.value < a.value ? b : a));
  const last = points.at(-1)!;
  const fmt = (v: number) => formatCell(v, metric.format);
  const by = inSentence(dim.label);
  const headline = `${metric.label} by ${by}${context(input)}: highest ${peak.label} (${fmt(peak.value)}), latest ${last.label} (${fmt(last.value)}${last.partial ? '' : stepChangeOf(input, dim, metric, last.at)}).`;
  const insights: string[] = [];
  const first = basis[0]!;
  const lastFull = basis.at(-1)!;
  const change = first !== lastFull ? changeBetween(lastFull.value, first.value, metric.format) : null;
  if (change) {
    derived.push(change.value);
    const words = changeWords(change.value, change.unit);
    insights.push(
      `From ${first.label} to ${lastFull.label}, ${inSentence(metric.label)} ${words === 'flat' ? 'was flat' : `went ${words}`}.`,
    );
  }
  const perDay = latestPerDay(input, metric, grain, points, partial);
  if (perDay) {
    insights.push(perDay.text);
    derived.push(...perDay.derived);
  }
  if (partial.size) {
    const names = plural(dim.label);
    insights.push(
      `${capitalize(partialSummary([...partial.values()]))}: partial ${names} are left out of the change${basis === full && full.length > 1 ? ', the lowest and the average' : ''}.`,
    );
  }
  if (low !== peak) insights.push(`Lowest: ${low.label} (${fmt(low.value)}).`);
  if (metric.format !== 'percent' && basis.length > 1) {
    const avg = basis.reduce((a, p) => a + p.value, 0) / basis.length;
    derived.push(avg);
    const complete = partial.size && basis === full ? 'complete ' : '';
    insights.push(
      `Average per ${complete}${by}: ${fmt(avg)} over ${basis.length} ${complete}${plural(dim.label)}.`,
    );
  }
  const keyFigures: KeyFigure[] = [
    { label: `Highest (${peak.label})`, value: fmt(peak.value) },
    { label: `Latest (${last.label})`, value: fmt(last.value) },
  ];
  return { headline, insights: insights.slice(0, 3), keyFigures, derived };
}

/**
 * "Jun 2022 to the 29th averaged ₹80.8 L a day, down 4.5% on May 2022 (₹84.6 L a day)": the latest bucket,
 * cut short by the data's end, against the complete bucket before it, per day. Only for metrics that add up.
 */
function latestPerDay(
  input: ComposeInput,
  metric: ColumnMeta,
  grain: DateGrain,
  points: Point[],
  partial: Map<string, { coveredDays: number; totalDays: number }>,
): { text: string; derived: number[] } | null {
  const additive = input.catalog.metrics[metric.ref]?.additive ?? false;
  const last = points.at(-1);
  const before = points.at(-2);
  if (!additive || !last?.partial || !before || before.partial) return null;
  const lastDays = partial.get(last.at)?.coveredDays ?? 0;
  const beforeDays = daysIn(before.at, grain);
  if (lastDays <= 1 || !beforeDays) return null;
  const a = last.value / lastDays;
  const b = before.value / beforeDays;
  const change = changeBetween(a, b, metric.format);
  if (!change) return null;
  const words = changeWords(change.value, change.unit, before.label).replace(' from ', ' on ');
  const fmt = (v: number) => formatCell(v, metric.format);
  return {
    text: `Like for like, ${last.label} averaged ${fmt(a)} a day, ${words} (${fmt(b)} a day).`,
    derived: [a, b, change.value],
  };
}

function daysIn(start: string, grain: DateGrain): number {
  const span = bucketSpan(start, grain);
  return daysBetweenInclusive(span.from, span.to);
}
