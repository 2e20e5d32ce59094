import { AppError } from '../../errors.js';
import type { TimeRange } from '../../semantic/plan.js';
import {
  addDays,
  endOfMonth,
  monthLabel,
  previousPeriod,
  startOfMonth,
  startOfWeek,
} from '../../semantic/time-range.js';
import type { SchemaInfo } from '../../warehouse/types.js';
import type { SummaryPeriod } from './summary-state.js';

export const SUMMARY_PERIODS_HELP =
  "'week' (the latest full Mon–Sun week in the data, the default), '7d', '30d', 'month' (the latest full month), 'YYYY-MM' or 'all'";

/** The Amazon order table's date coverage: "today" for summaries is the data's latest date. */
export function dataCoverage(schema: SchemaInfo): { from: string; to: string } {
  const table = schema.tables.find((t) => t.name === 'amazon_sales');
  if (!table?.dateRange) throw new AppError('DATA_NOT_FOUND', 'The order data has no dates to summarise.');
  return { from: table.dateRange.from, to: table.dateRange.to };
}

/** Turns a period keyword into the period and the one it is compared with, within the data's coverage. */
export function resolveSummaryPeriod(requested: string | undefined, schema: SchemaInfo): SummaryPeriod {
  const coverage = dataCoverage(schema);
  const key = (requested ?? 'week').trim().toLowerCase() || 'week';
  const latest = coverage.to;
  const withPrevious = (period: TimeRange, label?: (prev: TimeRange) => string): SummaryPeriod => {
    const prev = previousPeriod(period);
    if (label) prev.label = label(prev);
    // A previous period entirely before the data would compare with nothing: leave it out.
    return prev.to < coverage.from ? { period, requested: key } : { period, compareTo: prev, requested: key };
  };

  if (key === 'week' || key === 'latest-week' || key === 'last-week') {
    // The latest Monday–Sunday week that ends on or before the latest date.
    const sunday = addDays(startOfWeek(addDays(latest, 1)), -1);
    const from = addDays(sunday, -6);
    if (from < coverage.from) return allData(coverage, key);
    return withPrevious(
      { from, to: sunday, label: `week of ${from} to ${sunday}` },
      (prev) => `the week of ${prev.from} to ${prev.to}`,
    );
  }
  const days = /^(\d{1,3})d$/.exec(key);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 366) throw badPeriod(requested);
    const from = addDays(latest, -(n - 1));
    return withPrevious({ from, to: latest, label: `last ${n} days (${from} to ${latest})` });
  }
  if (key === 'month') {
    // The latest calendar month the data covers completely.
    const monthEnd = endOfMonth(latest) === latest ? latest : addDays(startOfMonth(latest), -1);
    const from = startOfMonth(monthEnd);
    if (from < coverage.from) return allData(coverage, key);
    return withPrevious({ from, to: monthEnd, label: monthLabel(from) });
  }
  if (/^\d{4}-\d{2}$/.test(key)) {
    const from = `${key}-01`;
    const month = Number(key.slice(5, 7));
    if (month < 1 || month > 12) throw badPeriod(requested);
    const to = endOfMonth(from);
    if (to < coverage.from || from > coverage.to)
      throw new AppError(
        'BAD_INPUT',
        `There is no order data for ${monthLabel(from)}: the data covers ${coverage.from} to ${coverage.to}.`,
      );
    return withPrevious({ from, to, label: monthLabel(from) });
  }
  if (key === 'all') return allData(coverage, key);
  throw badPeriod(requested);
}

function allData(coverage: { from: string; to: string }, key: string): SummaryPeriod {
  return {
    period: { from: coverage.from, to: coverage.to, label: `all data (${coverage.from} to ${coverage.to})` },
    requested: key,
  };
}

function badPeriod(requested: string | undefined): AppError {
  return new AppError(
    'BAD_INPUT',
    `I don't know the period "${requested ?? ''}". Use ${SUMMARY_PERIODS_HELP}.`,
  );
}
