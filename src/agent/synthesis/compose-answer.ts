import { inSentence } from '../../semantic/label-text.js';
import type { Cell } from '../../warehouse/types.js';
import type { KeyFigure } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import { formatCell, formatChange } from '../format-value.js';
import { composeRanking } from './compose-ranking.js';
import { composeSeries } from './compose-series.js';
import {
  capitalize,
  changeColumn,
  changeWords,
  context,
  num,
  previousColumn,
  rowLabel,
  type ComposedText,
  type ComposeInput,
} from './text-parts.js';

export { capitalize } from './text-parts.js';
export { suggestFollowUps } from './follow-ups.js';
export type { ComposedText, ComposeInput } from './text-parts.js';

export function composeAnswer(input: ComposeInput): ComposedText {
  const { result, columns } = input;
  const dims = columns.filter((c) => c.role === 'dimension');
  const metrics = columns.filter((c) => c.role === 'metric');
  if (!metrics.length) {
    // Only labels came back (LLM SQL listing values): say how many.
    return {
      headline: `${result.rows.length.toLocaleString('en-IN')} rows match.`,
      insights: [],
      keyFigures: [],
      derived: [result.rows.length],
    };
  }
  // "which of those grew": how many did, even when that is one.
  if (input.plan?.changeKept && dims.length) return composeRanking(input, dims, metrics[0]!);
  if (dims.length === 0 || result.rows.length === 1) return composeSingle(input, dims, metrics);
  const dateDims = dims.filter((d) => d.format === 'date');
  if (dims.length === 1 && dateDims.length === 1)
    return composeSeries(input, dims[0]!, metrics[0]!) ?? composeRanking(input, dims, metrics[0]!);
  return composeRanking(input, dims, metrics[0]!);
}

function composeSingle(input: ComposeInput, dims: ColumnMeta[], metrics: ColumnMeta[]): ComposedText {
  const { result, columns } = input;
  const row = result.rows[0] ?? [];
  const who = dims.length ? `${rowLabel(row, dims)}: ` : '';
  const derived: number[] = [];
  const keyFigures: KeyFigure[] = [];
  const insights: string[] = [];
  const phrases: { label: string; value: string; tail: string }[] = [];
  for (const m of metrics) {
    const value = row[m.index] ?? null;
    const change = changeColumn(columns, m);
    const prev = previousColumn(columns, m);
    const ratio = change ? num(row[change.index]) : null;
    const prevValue = prev ? num(row[prev.index]) : null;
    const figure: KeyFigure = { label: m.label, value: formatCell(value, m.format) };
    const changeText = formatChange(ratio, change?.format);
    if (changeText) figure.change = changeText;
    keyFigures.push(figure);
    let tail = '';
    if (ratio !== null) {
      tail = ` (${changeWords(ratio, change?.format ?? 'change', input.compareLabel)}${prevValue !== null ? `, ${formatCell(prevValue, m.format)}` : ''})`;
      derived.push(ratio);
    } else if (prev && prevValue === null) {
      tail = ' (no data in the comparison period)';
    }
    phrases.push({ label: m.label, value: formatCell(value, m.format), tail });
    // A like-for-like comparison still names the other period's whole figure ("Revenue (May 2022, whole)").
    const whole = columns.find((c) => c.role === 'previous' && c.ref === m.ref && c !== prev);
    const wholeValue = whole ? num(row[whole.index]) : null;
    const wholeChange = columns.find((c) => c.role === 'change' && c.ref === m.ref && c !== change);
    const wholeRatio = wholeChange ? num(row[wholeChange.index]) : null;
    if (whole && wholeValue !== null)
      insights.push(
        `${whole.label}: ${formatCell(wholeValue, m.format)}${wholeRatio !== null ? ` (${changeWords(wholeRatio, wholeChange!.format)} against it)` : ''}.`,
      );
    if (wholeRatio !== null) derived.push(wholeRatio);
    if (m.format === 'inr' && typeof value === 'number' && Math.abs(value) >= 100_000) {
      insights.push(`Exact ${inSentence(m.label)}: ${formatCell(value, 'inr', { exact: true })}.`);
    }
  }
  const ctx = context(input);
  let headline: string;
  if (metrics.length === 1) {
    const p = phrases[0]!;
    // "Orders were 4,957", "Revenue was ₹2.6 Cr": plural metric names read better with "were".
    // "Number of days was 8": the count, not the days, is the subject.
    const verb = /s$/.test(p.label) && !/^number of /i.test(p.label) ? 'were' : 'was';
    headline = `${who}${dims.length ? inSentence(p.label) : p.label} ${verb} ${p.value}${ctx}${p.tail}.`;
  } else {
    const list = phrases.map((p) => `${inSentence(p.label)} ${p.value}${p.tail}`).join(', ');
    headline = ctx ? `${capitalize(ctx.trim())}: ${who}${list}.` : `${who}${capitalize(list)}.`;
  }
  // "What share of revenue is from promotions?": one group with its share leads with the share.
  const shareCol = input.columns.find((c) => c.role === 'share');
  const shareValue = shareCol ? num(row[shareCol.index]) : null;
  if (dims.length && shareCol && shareValue !== null) {
    const m = metrics.find((c) => c.ref === shareCol.ref) ?? metrics[0]!;
    derived.push(shareValue);
    keyFigures.unshift({ label: 'Share', value: formatCell(shareValue, 'percent') });
    // The row label already names the group ("With promotion:"); say only the other filters and the period.
    const rest = context(input, { exceptGrouped: true });
    headline = `${who}${formatCell(shareValue, 'percent')} of ${inSentence(m.label)}${rest} (${formatCell(row[m.index] ?? null, m.format)})${shareBefore(input, row)}.`;
  }
  // Cancellation vs orders, units per order: simple ratios people ask next.
  const byRef = new Map(metrics.map((m) => [m.ref, num(row[m.index])]));
  const orders = byRef.get('orders');
  const units = byRef.get('units');
  if (orders && units) {
    const perOrder = units / orders;
    derived.push(perOrder);
    insights.push(`That is ${perOrder.toFixed(2)} units per order on average.`);
  }
  return { headline, insights: insights.slice(0, 3), keyFigures, derived };
}

/** ", against 74.5% in 1–29 Apr 2022 (74.5% in all of April 2022)": the other period's share beside this one. */
function shareBefore(input: ComposeInput, row: readonly Cell[]): string {
  const share = (name: string) => {
    const col = input.columns.find((c) => c.role === 'share' && c.name === name);
    const value = col ? num(row[col.index]) : null;
    return value === null ? undefined : formatCell(value, 'percent');
  };
  const before = share('share_previous');
  if (!before) return '';
  const whole = share('share_previous_full');
  const label = input.compareLabel ? ` in ${input.compareLabel}` : ' before';
  return `, against ${before}${label}${whole && whole !== before ? ` (${whole} over the whole period)` : ''}`;
}
