import { mostlyBeforeData } from '../../semantic/bucket-coverage.js';
import type { Catalog } from '../../semantic/catalog.js';
import type { DataProfile } from '../../semantic/data-profile.js';
import type { Plan } from '../../semantic/plan.js';
import {
  addDays,
  addMonths,
  endOfMonth,
  monthLabel,
  previousPeriod,
  startOfMonth,
} from '../../semantic/time-range.js';
import type { Resolution } from '../resolver/resolver.js';

/**
 * A period outside the data is asked about (never answered with zero); one partly outside gets a note. A comparison
 * with a period the data mostly does not reach back to is dropped with a note: 90 days against the one day the data
 * holds of the 90 before is no change worth stating.
 */
export function coverageCheck(
  plan: Plan,
  catalog: Catalog,
  profile: DataProfile,
): { resolution?: Resolution; note?: string; plan?: Plan } {
  const range = plan.timeRange;
  const data = profile.dateRanges[plan.source];
  if (!range || !data) return {};
  if (range.to < data.from || range.from > data.to) {
    const months = monthsBetween(data.from, data.to).slice(-3);
    return {
      resolution: {
        kind: 'clarify',
        message: `${catalog.sources[plan.source]!.label} covers ${data.from} to ${data.to}, so there is no data for ${range.label}. Did you mean one of these months?`,
        options: months.map((m) => ({
          label: monthLabel(m),
          question: `${catalog.metrics[plan.metrics[0]!]?.label ?? 'Revenue'} in ${monthLabel(m)}`,
          plan: { ...plan, timeRange: { from: m, to: endOfMonth(m), label: monthLabel(m) } },
        })),
        resolvedBy: 'planner',
      },
    };
  }
  const compare = plan.compareTo === 'previous_period' ? previousPeriod(range) : plan.compareTo;
  if (compare && mostlyBeforeData(compare, data.from)) {
    const { compareTo: _dropped, ...alone } = plan;
    return {
      plan: {
        ...alone,
        ...(alone.sort?.by.endsWith('_change') ? { sort: { ...alone.sort, by: alone.metrics[0]! } } : {}),
      },
      note: `The data starts on ${data.from}, so there is no whole ${compare.label} to compare with; this is ${range.label} alone.`,
    };
  }
  // A month ending a day after the data does is not worth a warning; a range mostly outside it is.
  if (addDays(range.to, -2) > data.to || addDays(range.from, 2) < data.from)
    return { note: `The data covers ${data.from} to ${data.to}; ${range.label} is only partly covered.` };
  return {};
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let cursor = startOfMonth(from); cursor <= to; cursor = addMonths(cursor, 1)) out.push(cursor);
  return out;
}
