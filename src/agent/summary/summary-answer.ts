import type { Catalog } from '../../semantic/catalog.js';
import type { Cell, QueryResult } from '../../warehouse/types.js';
import type { Answer, KeyFigure, Suggestion } from '../answer.js';
import { emptyAnswer } from '../answer-builders.js';
import { describeColumns } from '../columns.js';
import { periodPhrase } from '../explain-empty.js';
import { BLANK_LABEL, formatCell, formatChange } from '../format-value.js';
import type { SummaryPart, SummaryPeriod } from './summary-state.js';
import { capitalize, suggestFollowUps } from '../synthesis/compose-answer.js';
import { describeReading } from '../understanding/reading.js';

export interface SummaryAnswerInput {
  question: string;
  period: SummaryPeriod;
  parts: SummaryPart[];
  catalog: Catalog;
  notes: string[];
}

type Row = Record<string, Cell>;

function rowsOf(result: QueryResult | undefined): Row[] {
  if (!result) return [];
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null])));
}

function n(v: Cell | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** "+0.8 pp": rates change in percentage points, not percent of a percent (src/format/change.ts). */
function pointsChange(current: number | null, previous: number | null): string | undefined {
  if (current === null || previous === null) return undefined;
  return formatChange(current - previous, 'points');
}

/** The summary: five KPIs with their change, top categories and states, status mix, movers; 3–5 insights. */
export function composeSummaryAnswer(input: SummaryAnswerInput): Answer {
  const { period, parts, catalog } = input;
  const part = (id: SummaryPart['id']) => parts.find((p) => p.id === id);
  const kpiPart = part('kpis');
  const kpi = rowsOf(kpiPart?.result)[0] ?? {};
  const vs = period.compareTo ? ` vs ${period.compareTo.label}` : '';
  const answer = emptyAnswer(
    input.question || `Summary ${periodPhrase(period.period.label)}`,
    'answered',
    '',
  );

  const keyFigures: KeyFigure[] = [];
  for (const id of catalog.summary.kpis) {
    const def = catalog.metrics[id];
    if (!def) continue;
    const value = n(kpi[id]);
    const figure: KeyFigure = { label: def.label, value: formatCell(value, def.format) };
    const change =
      def.format === 'percent'
        ? pointsChange(value, n(kpi[`${id}_previous`]))
        : formatChange(n(kpi[`${id}_change`]));
    if (change) figure.change = change;
    keyFigures.push(figure);
  }
  const revenue = n(kpi.revenue);
  const revenueChange = n(kpi.revenue_change);
  const orders = n(kpi.orders);
  const ordersChange = n(kpi.orders_change);
  const revPhrase = `revenue ${formatCell(revenue, 'inr')}${revenueChange !== null ? ` (${formatChange(revenueChange)}${vs})` : ''}`;
  const ordPhrase = `${formatCell(orders, 'count')} orders${ordersChange !== null ? ` (${formatChange(ordersChange)})` : ''}`;
  answer.headline = `${capitalize(period.period.label)}: ${revPhrase}, ${ordPhrase}.`;

  const insights: string[] = [];
  const categories = rowsOf(part('categories')?.result);
  const states = rowsOf(part('states')?.result);
  const totalRevenue = revenue ?? 0;

  // Notable movers: the categories whose revenue moved most in rupees.
  if (period.compareTo && categories.length) {
    const moves = categories
      .map((r) => ({
        name: String(r.category ?? BLANK_LABEL),
        delta: (n(r.revenue) ?? 0) - (n(r.revenue_previous) ?? 0),
        change: n(r.revenue_change),
      }))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    const top = moves[0];
    if (top && top.delta !== 0) {
      insights.push(
        `Biggest mover: ${top.name}, ${top.delta > 0 ? 'up' : 'down'} ${formatCell(Math.abs(top.delta), 'inr')}${top.change !== null ? ` (${formatChange(top.change)})` : ''}${vs}.`,
      );
    }
  }
  const topCat = categories[0];
  if (topCat && totalRevenue > 0) {
    const share = (n(topCat.revenue) ?? 0) / totalRevenue;
    const next = categories
      .slice(1, 3)
      .map((r) => `${String(r.category)} ${formatCell(n(r.revenue), 'inr')}`)
      .join(', ');
    insights.push(
      `${String(topCat.category)} led categories with ${formatCell(n(topCat.revenue), 'inr')} (${formatCell(share, 'percent')} of revenue)${next ? `, then ${next}` : ''}.`,
    );
  }
  const topState = states[0];
  if (topState && totalRevenue > 0) {
    const top3 = states.slice(0, 3).reduce((a, r) => a + (n(r.revenue) ?? 0), 0) / totalRevenue;
    insights.push(
      `${String(topState.state)} was the top state (${formatCell(n(topState.revenue), 'inr')}); the top 3 states brought ${formatCell(top3, 'percent')} of revenue.`,
    );
  }
  const cancel = n(kpi.cancel_rate);
  if (cancel !== null) {
    const pp = pointsChange(cancel, n(kpi.cancel_rate_previous));
    insights.push(`Cancellation rate ${formatCell(cancel, 'percent')}${pp ? ` (${pp}${vs})` : ''}.`);
  }
  const status = rowsOf(part('status_mix')?.result);
  if (status.length) {
    const mix = status
      .slice(0, 3)
      .map((r) => `${String(r.status ?? BLANK_LABEL)} ${formatCell(n(r.share), 'percent')}`)
      .join(', ');
    insights.push(`Status mix (order lines): ${mix}.`);
  }
  answer.insights = insights.slice(0, 5);
  answer.keyFigures = keyFigures;
  answer.timeRange = period.period;
  answer.dataSource = catalog.sources.amazon_sales?.label;
  answer.definitions = kpiPart?.compiled?.definitions ?? [];
  if (kpiPart?.plan) {
    answer.plan = kpiPart.plan;
    answer.reading = describeReading(kpiPart.plan, catalog, { subject: 'sales summary' });
  }
  if (kpiPart?.sql) answer.sql = kpiPart.sql;
  if (kpiPart?.result) {
    answer.columns = describeColumns(kpiPart.result, kpiPart.compiled?.columns);
    answer.rows = kpiPart.result.rows;
  }
  answer.validation = { status: input.notes.length ? 'WARNING' : 'PASSED', notes: input.notes };
  answer.suggestions = [
    ...(topCat && period.compareTo ? [whyChanged(String(topCat.category), period)] : []),
    ...suggestFollowUps(kpiPart?.plan, catalog),
  ].slice(0, 3);
  return answer;
}

/** "Why did Kurta change?": its revenue by state over the summary's period against the one before, as a plan. */
function whyChanged(category: string, period: SummaryPeriod): Suggestion {
  return {
    label: `Why did ${category} change?`,
    question: `Revenue for ${category} by state ${periodPhrase(period.period.label)} compared with the previous period`,
    plan: {
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['state'],
      filters: [{ dimension: 'category', op: 'in', values: [category] }],
      timeRange: period.period,
      compareTo: 'previous_period',
      share: false,
      chart: 'auto',
    },
  };
}
