import { BLANK } from '../../format/blank.js';
import type { DashboardData } from '../../charts/index.js';
import type { Catalog } from '../../semantic/catalog.js';
import type { Cell, QueryResult } from '../../warehouse/types.js';
import type { SummaryPart, SummaryPeriod } from './summary-state.js';

function column(result: QueryResult | undefined, name: string): Cell[] {
  if (!result) return [];
  const i = result.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : result.rows.map((r) => r[i] ?? null);
}
const num = (c: Cell | undefined): number => (typeof c === 'number' && Number.isFinite(c) ? c : 0);

/** The summary's query results → the charts module's dashboard input (one PNG with tiles, trend, tops, mix). */
export function summaryDashboardData(
  period: SummaryPeriod,
  parts: SummaryPart[],
  catalog: Catalog,
): DashboardData {
  const get = (id: SummaryPart['id']) => parts.find((p) => p.id === id);
  const kpis = get('kpis')?.result;
  const trendPart = get('trend');
  const grain = (trendPart?.plan.groupBy[0] ?? 'day') as 'day' | 'week' | 'month';
  const trendDates = column(trendPart?.result, grain);
  const trendRevenue = column(trendPart?.result, 'revenue');
  const pairs = (id: SummaryPart['id'], dim: string) => {
    const r = get(id)?.result;
    const names = column(r, dim);
    const revenue = column(r, 'revenue');
    return names.map((n, i) => ({ name: n === null ? BLANK : String(n), revenue: num(revenue[i]) }));
  };
  const statusResult = get('status_mix')?.result;
  const statuses = column(statusResult, 'status');
  const lines = column(statusResult, 'order_lines');
  const data: DashboardData = {
    period: period.period,
    heading:
      period.requested === 'week'
        ? 'Weekly summary'
        : /^\d{4}-\d{2}$|^month$/.test(period.requested)
          ? 'Monthly summary'
          : 'Summary',
    kpis: catalog.summary.kpis.map((metric) => {
      const value = column(kpis, metric)[0];
      const previous = column(kpis, `${metric}_previous`)[0];
      return {
        metric,
        value: num(value),
        previous: typeof previous === 'number' ? previous : null,
      };
    }),
    trend: {
      grain,
      points: trendDates.map((d, i) => ({ date: String(d), revenue: num(trendRevenue[i]) })),
    },
    topCategories: pairs('categories', 'category'),
    topStates: pairs('states', 'state'),
    statusMix: statuses.map((s, i) => ({ status: s === null ? BLANK : String(s), orders: num(lines[i]) })),
    metrics: catalog.metrics,
  };
  if (period.compareTo) data.comparePeriod = period.compareTo;
  return data;
}
