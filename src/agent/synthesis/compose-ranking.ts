import { partialBuckets, partialPhrase } from '../../semantic/bucket-coverage.js';
import { inSentence, plural } from '../../semantic/label-text.js';
import type { Cell } from '../../warehouse/types.js';
import type { KeyFigure } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import { formatCell, formatChange } from '../format-value.js';
import {
  capitalize,
  changeColumn,
  context,
  previousColumn,
  num,
  rowLabel,
  type ComposedText,
  type ComposeInput,
} from './text-parts.js';

/**
 * Groups ranked by the metric. The extreme is picked by value, never by row position (rows may come sorted by
 * month, or by a change). A breakdown by a date grain and one more dimension ("revenue by month and category")
 * headlines the top of the latest period, named as partial when the data ends inside it.
 */
export function composeRanking(input: ComposeInput, dims: ColumnMeta[], metric: ColumnMeta): ComposedText {
  const time = dims.length === 2 ? dims.find((d) => d.format === 'date') : undefined;
  if (time) {
    const latest = latestPeriod(input, time);
    if (latest) {
      const others = dims.filter((d) => d !== time);
      const rows = input.result.rows.filter((r) => String(r[time.index] ?? '') === latest.at);
      const ranked = rankRows(input, rows, metric);
      const complete = !input.result.truncated && !input.plan?.limit;
      const text = rankingText(input, ranked, others, metric, { complete, within: latest.label });
      return { ...text, headline: `In ${latest.label}, ${text.headline}` };
    }
  }
  const byChange = changeRanking(input, dims, metric);
  if (byChange) return byChange;
  const ranked = rankRows(input, input.result.rows, metric);
  const complete = !input.result.truncated && !input.plan?.limit;
  return rankingText(input, ranked, dims, metric, { complete });
}

/**
 * "which category grew the most from April to May": ranked by the change, so the headline leads with the row that
 * moved most and its move, not the biggest row ("Set has the highest revenue" answers another question).
 */
function changeRanking(
  input: ComposeInput,
  dims: ColumnMeta[],
  metric: ColumnMeta,
): ComposedText | undefined {
  const change = changeColumn(input.columns, metric);
  const sort = input.plan?.sort;
  if (!change || !sort || sort.by !== change.name) return undefined;
  if (input.plan?.changeKept) return movedRows(input, dims, metric, change);
  const rows = input.result.rows.filter((r) => num(r[change.index]) !== null);
  const top = rows[0];
  if (!top) return undefined;
  const moved = num(top[change.index])!;
  const previous = previousColumn(input.columns, metric);
  const before = previous ? num(top[previous.index]) : null;
  const verb =
    sort.direction === 'desc'
      ? moved >= 0
        ? 'grew the most'
        : 'fell the least'
      : moved < 0
        ? 'fell the most'
        : 'grew the least';
  const vs = input.compareLabel ? ` vs ${input.compareLabel}` : ' vs the previous period';
  const from = before !== null ? `, from ${formatCell(before, metric.format)}` : '';
  const headline = `${rowLabel(top, dims)} ${verb} in ${inSentence(metric.label)}${context(input, { exceptGrouped: true })}${vs}: ${formatChange(moved, change.format)} (${formatCell(top[metric.index] ?? null, metric.format)}${from}).`;
  const rest = rows
    .slice(1, 3)
    .map((r) => `${rowLabel(r, dims)} (${formatChange(num(r[change.index]), change.format)})`);
  const keyFigures: KeyFigure[] = rows.slice(0, 5).map((r) => {
    const f: KeyFigure = {
      label: rowLabel(r, dims),
      value: formatCell(r[metric.index] ?? null, metric.format),
    };
    const c = formatChange(num(r[change.index]), change.format);
    if (c) f.change = c;
    return f;
  });
  return {
    headline,
    insights: rest.length ? [`Next: ${rest.join(', ')}.`] : [],
    keyFigures,
    derived: [rows.length],
  };
}

/** "which of those grew": how many moved that way, each with its move (a group new to the period has no change). */
function movedRows(
  input: ComposeInput,
  dims: ColumnMeta[],
  metric: ColumnMeta,
  change: ColumnMeta,
): ComposedText {
  const rows = input.result.rows;
  const rose = input.plan?.changeKept === 'grew';
  const by = dims.map((d) => inSentence(d.label)).join(' and ');
  const vs = input.compareLabel ? ` vs ${input.compareLabel}` : ' vs the previous period';
  const when = `${context(input, { exceptGrouped: true })}${vs}`;
  const verb = rose ? 'grew' : 'fell';
  const moveOf = (r: Cell[]) => formatChange(num(r[change.index]), change.format) || 'new';
  if (!rows.length)
    return {
      headline: `No ${by} ${verb} in ${inSentence(metric.label)}${when}.`,
      insights: [],
      keyFigures: [],
      derived: [0],
    };
  const named = rows.slice(0, 5).map((r) => `${rowLabel(r, dims)} (${moveOf(r)})`);
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : '';
  const count = `${rows.length.toLocaleString('en-IN')} ${rows.length === 1 ? by : plural(by)}`;
  return {
    headline: `${count} ${verb} in ${inSentence(metric.label)}${when}: ${named.join(', ')}${more}.`,
    insights: [],
    keyFigures: rows.slice(0, 5).map((r) => ({
      label: rowLabel(r, dims),
      value: formatCell(r[metric.index] ?? null, metric.format),
      change: moveOf(r),
    })),
    derived: [rows.length],
  };
}

function ascendingOf(input: ComposeInput, metric: ColumnMeta): boolean {
  return input.plan?.sort?.direction === 'asc' && input.plan.sort.by === metric.name;
}

/** Rows by the metric's value, the extreme first (lowest first when the question asked for the lowest). */
function rankRows(input: ComposeInput, rows: Cell[][], metric: ColumnMeta): Cell[][] {
  const asc = ascendingOf(input, metric);
  const value = (r: Cell[]) => num(r[metric.index]);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return asc ? x - y : y - x;
  });
}

/** The latest bucket of a date dimension, with its label ("Jun 2022 to the 29th" when partial). */
function latestPeriod(input: ComposeInput, time: ColumnMeta): { at: string; label: string } | null {
  const dates = input.result.rows
    .map((r) => r[time.index])
    .filter((v): v is string => typeof v === 'string')
    .sort();
  const at = dates.at(-1);
  if (!at) return null;
  const partial = partialBuckets([at], time.grain ?? 'day', input.coverage)[0];
  return { at, label: partial ? partialPhrase(partial) : formatCell(at, 'date', { grain: time.grain }) };
}

function rankingText(
  input: ComposeInput,
  rows: Cell[][],
  dims: ColumnMeta[],
  metric: ColumnMeta,
  options: { complete: boolean; within?: string },
): ComposedText {
  const { columns, catalog } = input;
  const derived: number[] = [rows.length];
  const share = options.within ? undefined : columns.find((c) => c.role === 'share');
  const change = changeColumn(columns, metric);
  const ascending = ascendingOf(input, metric);
  const top = rows[0]!;
  const topLabel = rowLabel(top, dims);
  const topValue = num(top[metric.index]);
  const by = dims.map((d) => inSentence(d.label)).join(' and ');
  const additive = catalog.metrics[metric.ref]?.additive ?? false;
  const values = rows.map((r) => num(r[metric.index]) ?? 0);
  // A total is only known when every group is in the result and the metric can be summed.
  const total = options.complete && additive ? values.reduce((a, b) => a + b, 0) : null;
  if (total !== null) derived.push(total);
  const topShare = share ? num(top[share.index]) : total ? (topValue ?? 0) / total : null;
  if (topShare !== null) derived.push(topShare);
  const shareText =
    topShare !== null ? ` (${formatCell(topShare, 'percent')} of ${wholeOf(input, top, share)})` : '';
  const leadWord = ascending ? 'lowest' : 'highest';
  const ctx = options.within ? '' : context(input, { exceptGrouped: true });
  // "which kurta SKUs are out of stock?": every row has the same value, so none leads; say how many there are.
  if (rows.length >= 2 && options.complete && !options.within && values.every((v) => v === values[0]))
    return {
      headline: `${rows.length.toLocaleString('en-IN')} ${plural(by)}${ctx}, each with ${inSentence(metric.label)} ${formatCell(topValue, metric.format)}.`,
      insights: [],
      keyFigures: [{ label: capitalize(plural(by)), value: rows.length.toLocaleString('en-IN') }],
      derived: [rows.length, ...(topValue !== null ? [topValue] : [])],
    };
  let headline = `${topLabel} has the ${leadWord} ${inSentence(metric.label)} by ${by}${ctx}: ${formatCell(topValue, metric.format)}${shareText}.`;
  if (input.explain) headline = `Breaking it down by ${by}: ${headline}`;

  const insights: string[] = [];
  if (rows.length >= 2) {
    const second = rows[1]!;
    const secondValue = num(second[metric.index]);
    const rest = rows
      .slice(1, 3)
      .map((r) => `${rowLabel(r, dims)} (${formatCell(r[metric.index] ?? null, metric.format)})`);
    insights.push(`Next: ${rest.join(', ')}.`);
    if (!ascending && topValue && secondValue && secondValue > 0 && metric.format !== 'percent') {
      const multiple = topValue / secondValue;
      if (multiple >= 1.5) {
        derived.push(multiple);
        insights.push(`${topLabel} is ${multiple.toFixed(1)}× the next, ${rowLabel(second, dims)}.`);
      }
    }
  }
  if (total && rows.length >= 5 && !ascending) {
    const top3 = values.slice(0, 3).reduce((a, b) => a + b, 0) / total;
    derived.push(top3);
    insights.push(
      `The top 3 of ${rows.length} make up ${formatCell(top3, 'percent')} of ${inSentence(metric.label)} (total ${formatCell(total, metric.format)}).`,
    );
  }
  if (change) {
    const moves = rows
      .map((r) => ({ label: rowLabel(r, dims), change: num(r[change.index]) }))
      .filter((m): m is { label: string; change: number } => m.change !== null);
    if (moves.length) {
      const up = moves.reduce((a, b) => (b.change > a.change ? b : a));
      const down = moves.reduce((a, b) => (b.change < a.change ? b : a));
      derived.push(up.change, down.change);
      const vs = input.compareLabel ? ` vs ${input.compareLabel}` : ' vs the previous period';
      const parts: string[] = [];
      if (up.change > 0) parts.push(`biggest rise ${up.label} (${formatChange(up.change, change.format)})`);
      if (down.change < 0)
        parts.push(`biggest fall ${down.label} (${formatChange(down.change, change.format)})`);
      if (parts.length) {
        const line = `${capitalize(parts.join('; '))}${vs}.`;
        if (input.explain) insights.unshift(line);
        else insights.push(line);
      }
    }
  }
  const keyFigures: KeyFigure[] = rows.slice(0, 5).map((r) => {
    const f: KeyFigure = {
      label: rowLabel(r, dims),
      value: formatCell(r[metric.index] ?? null, metric.format),
    };
    const c = change ? formatChange(num(r[change.index]), change.format) : undefined;
    if (c) f.change = c;
    return f;
  });
  return { headline, insights: insights.slice(0, 3), keyFigures, derived };
}

/** What a share is of: "the total", "its Kurta revenue" (shares within groups), "the Kurta and Set total". */
function wholeOf(input: ComposeInput, top: Cell[], share: ColumnMeta | undefined): string {
  const { plan, columns } = input;
  const metric = columns.find((c) => c.role === 'metric');
  const picked = plan?.filters.filter((f) => f.op === 'in' && plan.groupBy.includes(f.dimension)) ?? [];
  const within = (plan?.shareWithin ?? []).map((d) => columns.find((c) => c.name === d));
  if (share && within.length)
    return `its ${within.map((c) => (c ? formatCell(top[c.index] ?? null, c.format, { grain: c.grain }) : '')).join(' · ')} ${inSentence(metric?.label ?? '')}`;
  if (!share && picked.length)
    return `the ${picked.flatMap((f) => f.values.map(String)).join(' and ')} total`;
  return 'the total';
}
