import type { Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import type { Cell, QueryResult } from '../../warehouse/types.js';
import type { KeyFigure, Suggestion } from '../answer.js';
import type { ColumnMeta } from '../columns.js';
import { describeFilters, periodPhrase } from '../explain-empty.js';
import { formatCell, formatChange, formatDateAtGrain } from '../format-value.js';
import { inSentence } from '../../semantic/label-text.js';

/**
 * The computed answer: headline, 1–3 insights and key figures from the result alone. This is what users get
 * offline, and what replaces LLM prose whose numbers do not check out. `derived` lists every number the insights
 * computed (shares, changes, totals) so the number check accepts them in LLM prose too.
 */
export interface ComposedText {
  headline: string;
  insights: string[];
  keyFigures: KeyFigure[];
  derived: number[];
}

export interface ComposeInput {
  plan?: Plan;
  result: QueryResult;
  columns: ColumnMeta[];
  catalog: Catalog;
  /** "why?" follow-up: lead with what drove the change. */
  explain?: boolean;
  /** Comparison period label, when the plan compared periods. */
  compareLabel?: string;
}

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
  if (dims.length === 0 || result.rows.length === 1) return composeSingle(input, dims, metrics);
  const dateDims = dims.filter((d) => d.format === 'date');
  if (dims.length === 1 && dateDims.length === 1) return composeSeries(input, dims[0]!, metrics[0]!);
  return composeRanking(input, dims, metrics[0]!);
}

function context(input: ComposeInput, options: { exceptGrouped?: boolean } = {}): string {
  const plan = input.plan;
  // Rows grouped by a dimension already name its values: "Set has the highest revenue by category", not "… by
  // category for Kurta or Set". Exclusions ("other than Set") still say what was left out.
  const shown =
    plan && options.exceptGrouped
      ? { ...plan, filters: plan.filters.filter((f) => f.op !== 'in' || !plan.groupBy.includes(f.dimension)) }
      : plan;
  const parts = shown ? describeFilters(shown, input.catalog) : [];
  if (input.plan?.timeRange) parts.push(periodPhrase(input.plan.timeRange.label));
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function changeColumn(columns: ColumnMeta[], metric: ColumnMeta): ColumnMeta | undefined {
  return columns.find((c) => c.role === 'change' && c.ref === metric.ref);
}
function previousColumn(columns: ColumnMeta[], metric: ColumnMeta): ColumnMeta | undefined {
  return columns.find((c) => c.role === 'previous' && c.ref === metric.ref);
}

function num(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

function rowLabel(row: Cell[], dims: ColumnMeta[], catalog: Catalog): string {
  return dims.map((d) => dimText(row[d.index] ?? null, d, catalog)).join(' · ');
}

function dimText(cell: Cell, dim: ColumnMeta, catalog: Catalog): string {
  if (cell === null) return `(no ${inSentence(dim.label)})`;
  if (dim.format === 'date' && typeof cell === 'string')
    return formatDateAtGrain(cell, catalog.dimensions[dim.ref]?.grain);
  return formatCell(cell, dim.format);
}

function changeWords(ratio: number, label?: string): string {
  const pct = formatChange(Math.abs(ratio))!.replace('+', '');
  const vs = label ? ` from ${label}` : '';
  if (Math.abs(ratio) < 0.0005) return `flat${vs ? ` compared${vs.replace(' from', ' with')}` : ''}`;
  return ratio > 0 ? `up ${pct}${vs}` : `down ${pct}${vs}`;
}

function composeSingle(input: ComposeInput, dims: ColumnMeta[], metrics: ColumnMeta[]): ComposedText {
  const { result, columns, catalog } = input;
  const row = result.rows[0] ?? [];
  const who = dims.length ? `${rowLabel(row, dims, catalog)}: ` : '';
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
    const changeText = formatChange(ratio);
    if (changeText) figure.change = changeText;
    keyFigures.push(figure);
    let tail = '';
    if (ratio !== null) {
      tail = ` (${changeWords(ratio, input.compareLabel)}${prevValue !== null ? `, ${formatCell(prevValue, m.format)}` : ''})`;
      derived.push(ratio);
    } else if (prev && prevValue === null) {
      tail = ' (no data in the comparison period)';
    }
    phrases.push({ label: m.label, value: formatCell(value, m.format), tail });
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
    headline = `${who}${formatCell(shareValue, 'percent')} of ${inSentence(m.label)}${rest} (${formatCell(row[m.index] ?? null, m.format)}).`;
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

function composeSeries(input: ComposeInput, dim: ColumnMeta, metric: ColumnMeta): ComposedText {
  const { result, catalog } = input;
  // In time order, whatever the rows' order: "best day for revenue" sorts by revenue, but "latest" and "from …
  // to …" are about dates.
  const points = result.rows
    .map((r) => ({
      at: String(r[dim.index] ?? ''),
      label: dimText(r[dim.index] ?? null, dim, catalog),
      value: num(r[metric.index]),
    }))
    .filter((p): p is { at: string; label: string; value: number } => p.value !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
  const derived: number[] = [];
  if (!points.length) return composeRanking(input, [dim], metric);
  const peak = points.reduce((a, b) => (b.value > a.value ? b : a));
  const low = points.reduce((a, b) => (b.value < a.value ? b : a));
  const first = points[0]!;
  const last = points.at(-1)!;
  const headline = `${metric.label} by ${inSentence(dim.label)}${context(input)}: highest ${peak.label} (${formatCell(peak.value, metric.format)}), latest ${last.label} (${formatCell(last.value, metric.format)}).`;
  const insights: string[] = [];
  if (first !== last && first.value !== 0) {
    const ratio = (last.value - first.value) / Math.abs(first.value);
    derived.push(ratio);
    insights.push(
      `From ${first.label} to ${last.label}, ${inSentence(metric.label)} went ${ratio >= 0 ? 'up' : 'down'} ${formatChange(Math.abs(ratio))!.replace('+', '')}.`,
    );
  }
  if (low !== peak) {
    insights.push(`Lowest: ${low.label} (${formatCell(low.value, metric.format)}).`);
  }
  if (metric.format !== 'percent' && points.length > 1) {
    const avg = points.reduce((a, p) => a + p.value, 0) / points.length;
    derived.push(avg);
    insights.push(
      `Average per ${inSentence(dim.label)}: ${formatCell(avg, metric.format)} over ${points.length} ${inSentence(dim.label)}s.`,
    );
  }
  const keyFigures: KeyFigure[] = [
    { label: `Highest (${peak.label})`, value: formatCell(peak.value, metric.format) },
    { label: `Latest (${last.label})`, value: formatCell(last.value, metric.format) },
  ];
  return { headline, insights: insights.slice(0, 3), keyFigures, derived };
}

function composeRanking(input: ComposeInput, dims: ColumnMeta[], metric: ColumnMeta): ComposedText {
  const { result, columns, catalog, plan } = input;
  const rows = result.rows;
  const derived: number[] = [rows.length];
  const share = columns.find((c) => c.role === 'share');
  const change = changeColumn(columns, metric);
  const ascending = plan?.sort?.direction === 'asc' && plan.sort.by === metric.name;
  const top = rows[0]!;
  const topLabel = rowLabel(top, dims, catalog);
  const topValue = num(top[metric.index]);
  const by = dims.map((d) => inSentence(d.label)).join(' and ');
  const additive = metric.ref in catalog.metrics ? catalog.metrics[metric.ref]!.additive : false;
  const values = rows.map((r) => num(r[metric.index]) ?? 0);
  // A total is only known when every group is in the result and the metric can be summed.
  const complete = !result.truncated && !plan?.limit && additive;
  const total = complete ? values.reduce((a, b) => a + b, 0) : null;
  if (total !== null) derived.push(total);

  const topShare = share ? num(top[share.index]) : total ? (topValue ?? 0) / total : null;
  if (topShare !== null) derived.push(topShare);
  // Rows restricted to some values ("Kurta vs Set"): a share of the rows' total is a share of those values only.
  const picked = plan?.filters.filter((f) => f.op === 'in' && plan.groupBy.includes(f.dimension)) ?? [];
  const withinLabels = (plan?.shareWithin ?? []).map((d) => columns.find((c) => c.name === d));
  const whole =
    share && withinLabels.length
      ? `its ${withinLabels.map((c) => (c ? String(top[c.index] ?? '') : '')).join(' · ')} ${inSentence(metric.label)}`
      : !share && picked.length
        ? `the ${picked.flatMap((f) => f.values.map(String)).join(' and ')} total`
        : 'the total';
  const shareText = topShare !== null ? ` (${formatCell(topShare, 'percent')} of ${whole})` : '';
  const leadWord = ascending ? 'lowest' : 'highest';
  let headline = `${topLabel} has the ${leadWord} ${inSentence(metric.label)} by ${by}${context(input, { exceptGrouped: true })}: ${formatCell(topValue, metric.format)}${shareText}.`;
  if (input.explain) headline = `Breaking it down by ${by}: ${headline}`;

  const insights: string[] = [];
  if (rows.length >= 2) {
    const second = rows[1]!;
    const secondValue = num(second[metric.index]);
    const rest = rows
      .slice(1, 3)
      .map((r) => `${rowLabel(r, dims, catalog)} (${formatCell(r[metric.index] ?? null, metric.format)})`);
    insights.push(`Next: ${rest.join(', ')}.`);
    if (!ascending && topValue && secondValue && secondValue > 0 && metric.format !== 'percent') {
      const multiple = topValue / secondValue;
      if (multiple >= 1.5) {
        derived.push(multiple);
        insights.push(`${topLabel} is ${multiple.toFixed(1)}× the next, ${rowLabel(second, dims, catalog)}.`);
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
      .map((r) => ({ label: rowLabel(r, dims, catalog), ratio: num(r[change.index]) }))
      .filter((m): m is { label: string; ratio: number } => m.ratio !== null);
    if (moves.length) {
      const up = moves.reduce((a, b) => (b.ratio > a.ratio ? b : a));
      const down = moves.reduce((a, b) => (b.ratio < a.ratio ? b : a));
      derived.push(up.ratio, down.ratio);
      const vs = input.compareLabel ? ` vs ${input.compareLabel}` : ' vs the previous period';
      const parts: string[] = [];
      if (up.ratio > 0) parts.push(`biggest rise ${up.label} (${formatChange(up.ratio)})`);
      if (down.ratio < 0) parts.push(`biggest fall ${down.label} (${formatChange(down.ratio)})`);
      if (parts.length) {
        const line = `${capitalize(parts.join('; '))}${vs}.`;
        if (input.explain) insights.unshift(line);
        else insights.push(line);
      }
    }
  }
  const keyFigures: KeyFigure[] = rows.slice(0, 5).map((r) => {
    const f: KeyFigure = {
      label: rowLabel(r, dims, catalog),
      value: formatCell(r[metric.index] ?? null, metric.format),
    };
    const c = change ? formatChange(num(r[change.index])) : undefined;
    if (c) f.change = c;
    return f;
  });
  return { headline, insights: insights.slice(0, 3), keyFigures, derived };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Follow-up ideas a person is likely to want next, as full questions the planner understands. */
export function suggestFollowUps(plan: Plan | undefined, catalog: Catalog): Suggestion[] {
  if (!plan) return [];
  const metric = catalog.metrics[plan.metrics[0] ?? '']?.label ?? 'Revenue';
  const when = plan.timeRange ? ` ${periodPhrase(plan.timeRange.label)}` : '';
  const out: Suggestion[] = [];
  const grouped = new Set(plan.groupBy);
  const dateGrouped = plan.groupBy.some((g) => catalog.dimensions[g]?.grain);
  if (plan.source === 'amazon_sales') {
    if (!grouped.has('category'))
      out.push({ label: 'By category', question: `${metric} by category${when}` });
    if (!grouped.has('state')) out.push({ label: 'By state', question: `${metric} by state${when}` });
    if (!dateGrouped) out.push({ label: 'Monthly trend', question: `${metric} by month` });
  }
  if (plan.timeRange && !plan.compareTo && !dateGrouped)
    out.push({
      label: 'Compare with previous period',
      question: `${metric}${when} compared with the previous period`,
    });
  return out.slice(0, 3);
}
