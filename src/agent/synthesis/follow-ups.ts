import { mostlyBeforeData } from '../../semantic/bucket-coverage.js';
import type { Catalog } from '../../semantic/catalog.js';
import { previousPeriod } from '../../semantic/time-range.js';
import type { Plan } from '../../semantic/plan.js';
import type { Suggestion } from '../answer.js';
import { periodPhrase } from '../explain-empty.js';

/**
 * Follow-up ideas a person is likely to want next. Each carries the plan its words say, so choosing it answers
 * that plan as it is (the Assistant gives it an option id; a button sends the id back, never the words to parse
 * again). The words are a fresh question on the answer's first measure and dates: "Revenue by category in May
 * 2022" keeps neither the answer's filters nor its ranking, and the plan keeps neither.
 */
export function suggestFollowUps(plan: Plan | undefined, catalog: Catalog, dataFrom?: string): Suggestion[] {
  if (!plan) return [];
  const metricId = catalog.metrics[plan.metrics[0] ?? ''] ? plan.metrics[0]! : 'revenue';
  const metric = catalog.metrics[metricId]?.label ?? 'Revenue';
  const when = plan.timeRange ? ` ${periodPhrase(plan.timeRange.label)}` : '';
  const fresh = (patch: Partial<Plan>): Plan => ({
    source: plan.source,
    metrics: [metricId],
    groupBy: [],
    filters: [],
    share: false,
    chart: 'auto',
    ...patch,
  });
  const dated = plan.timeRange ? { timeRange: plan.timeRange } : {};
  const out: Suggestion[] = [];
  const grouped = new Set(plan.groupBy);
  const dateGrouped = plan.groupBy.some((g) => catalog.dimensions[g]?.grain);
  if (plan.source === 'amazon_sales') {
    for (const [dimension, label] of [
      ['category', 'By category'],
      ['state', 'By state'],
    ] as const)
      if (!grouped.has(dimension))
        out.push({
          label,
          question: `${metric} by ${dimension}${when}`,
          plan: fresh({ groupBy: [dimension], ...dated }),
        });
    if (!dateGrouped)
      out.push({
        label: 'Monthly trend',
        question: `${metric} by month`,
        plan: fresh({ groupBy: ['month'] }),
      });
  }
  // No comparison with a period the data mostly does not reach back to: it would compare with nothing.
  const comparable =
    plan.timeRange && !(dataFrom && mostlyBeforeData(previousPeriod(plan.timeRange), dataFrom));
  if (plan.timeRange && comparable && !plan.compareTo && !dateGrouped)
    out.push({
      label: 'Compare with previous period',
      question: `${metric}${when} compared with the previous period`,
      plan: fresh({ ...dated, compareTo: 'previous_period' }),
    });
  return out.slice(0, 3);
}
