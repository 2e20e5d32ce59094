import type { Catalog } from '../../semantic/catalog.js';
import type { Plan } from '../../semantic/plan.js';
import {
  addDays,
  addMonths,
  endOfMonth,
  monthLabel,
  startOfMonth,
  startOfWeek,
} from '../../semantic/time-range.js';
import { formatDay } from '../../format/dates.js';

/**
 * Growth asked of a date series ("rev WoW last 4 wks", "whats the growth on that" after a weekly series): every
 * bucket beside the one before it (the plan's stepChange). A series of exactly two buckets ("may vs june", then
 * "the growth?") is one period against the other, a comparison with one change, as "June vs May" is.
 */
export function growthOfSeries(plan: Plan, catalog: Catalog): void {
  const grains = plan.groupBy.filter((d) => catalog.dimensions[d]?.grain);
  if (plan.compareTo || grains.length !== 1) return;
  const grain = catalog.dimensions[grains[0]!]!.grain!;
  const pair = plan.timeRange && twoBuckets(plan.timeRange, grain);
  if (pair) {
    plan.timeRange = pair.later;
    plan.compareTo = pair.earlier;
    plan.groupBy = plan.groupBy.filter((d) => d !== grains[0]);
    return;
  }
  plan.stepChange = true;
}

function twoBuckets(
  range: { from: string; to: string },
  grain: 'day' | 'week' | 'month',
): { earlier: Plan['timeRange'] & object; later: Plan['timeRange'] & object } | undefined {
  if (grain === 'month') {
    const first = startOfMonth(range.from);
    const second = addMonths(first, 1);
    if (startOfMonth(range.to) !== second) return undefined;
    return {
      earlier: { from: first, to: endOfMonth(first), label: monthLabel(first) },
      later: { from: second, to: range.to, label: monthLabel(second) },
    };
  }
  if (grain === 'week') {
    const first = startOfWeek(range.from);
    const second = addDays(first, 7);
    if (startOfWeek(range.to) !== second) return undefined;
    return {
      earlier: { from: first, to: addDays(first, 6), label: `week of ${formatDay(first)}` },
      later: { from: second, to: range.to, label: `week of ${formatDay(second)}` },
    };
  }
  return undefined;
}
