import type { SummaryRequest } from '../answer.js';
import type { Catalog } from '../../semantic/catalog.js';
import type { Filter, Plan } from '../../semantic/plan.js';
import { daysBetweenInclusive } from '../../semantic/time-range.js';
import type { SummaryPart, SummaryPeriod } from './summary-state.js';

/**
 * The fixed set of plans a summary runs: the catalog's summary KPIs vs the previous period, trend, top
 * categories/states, status mix.
 */
export function buildSummaryParts(
  period: SummaryPeriod,
  catalog: Catalog,
  request: SummaryRequest = {},
): SummaryPart[] {
  const filters: Filter[] = (request.filters ?? [])
    .filter((f) => f.values.length > 0)
    .map((f) => ({ dimension: f.dimension, op: 'in', values: f.values }));
  const compare = period.compareTo ? { compareTo: period.compareTo } : {};
  const base = {
    source: 'amazon_sales' as const,
    filters,
    timeRange: period.period,
    share: false,
    chart: 'auto' as const,
  };
  const days = daysBetweenInclusive(period.period.from, period.period.to);
  const grain = days <= 45 ? 'day' : days <= 200 ? 'week' : 'month';
  const plans: SummaryPart[] = [
    { id: 'kpis', plan: { ...base, metrics: [...catalog.summary.kpis], groupBy: [], ...compare } },
    { id: 'trend', plan: { ...base, metrics: ['revenue', 'orders'], groupBy: [grain] } },
    {
      id: 'categories',
      plan: {
        ...base,
        metrics: ['revenue'],
        groupBy: ['category'],
        ...compare,
        sort: { by: 'revenue', direction: 'desc' },
      },
    },
    {
      id: 'states',
      plan: {
        ...base,
        metrics: ['revenue'],
        groupBy: ['state'],
        ...compare,
        sort: { by: 'revenue', direction: 'desc' },
      },
    },
    {
      id: 'status_mix',
      plan: { ...base, metrics: ['order_lines'], groupBy: ['status'], share: true },
    },
  ];
  return plans satisfies { plan: Plan }[];
}
