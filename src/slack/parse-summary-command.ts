import type { SummaryRequest } from '../agent/answer.js';
import { messages } from './messages.js';

/**
 * Parses the text after `/retail-summary`. Pure, so every bad input has a test and a helpful message.
 * Grammar: `help` | `subscribe [cron…]` | `unsubscribe` | `subscriptions` | `[period] [dimension=value[,value]]…`
 */
export type SummaryCommand =
  | { kind: 'help' }
  | { kind: 'summary'; request: Pick<SummaryRequest, 'period' | 'filters'>; description: string }
  | { kind: 'subscribe'; cron?: string }
  | { kind: 'unsubscribe' }
  | { kind: 'subscriptions' }
  | { kind: 'invalid'; message: string };

const PERIOD = /^(week|\d{1,3}d|month|all|\d{4}-(0[1-9]|1[0-2]))$/i;
const FILTER = /^([a-z_][a-z0-9_]*)=(.*)$/i;

export function parseSummaryCommand(text: string): SummaryCommand {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const first = tokens[0]?.toLowerCase();
  if (first === 'help' || first === '?' || first === '-h' || first === '--help') return { kind: 'help' };
  if (first === 'subscribe') {
    const cron = tokens
      .slice(1)
      .join(' ')
      .replace(/^["'`]|["'`]$/g, '');
    return cron ? { kind: 'subscribe', cron } : { kind: 'subscribe' };
  }
  if (first === 'unsubscribe') return { kind: 'unsubscribe' };
  if (first === 'subscriptions' || first === 'list') return { kind: 'subscriptions' };

  let period: string | undefined;
  const filters: { dimension: string; values: string[] }[] = [];
  for (const token of tokens) {
    if (PERIOD.test(token)) {
      if (period) return invalid(messages.twoPeriods(period, token));
      period = token.toLowerCase();
      continue;
    }
    const match = FILTER.exec(token);
    if (match) {
      const values = match[2]!
        .split(',')
        .map((v) => v.trim().replace(/_/g, ' '))
        .filter(Boolean);
      if (values.length === 0) return invalid(messages.badFilter(token));
      filters.push({ dimension: match[1]!.toLowerCase(), values });
      continue;
    }
    return invalid(messages.unknownPeriodOrOption(token));
  }
  const request: Pick<SummaryRequest, 'period' | 'filters'> = {};
  if (period) request.period = period;
  if (filters.length > 0) request.filters = filters;
  return { kind: 'summary', request, description: describe(period, filters) };
}

function invalid(problem: string): SummaryCommand {
  return { kind: 'invalid', message: messages.summaryBadOption(problem) };
}

export function describeFilters(filters: { dimension: string; values: string[] }[]): string {
  return filters.map((f) => `${f.dimension} = ${f.values.join(' or ')}`).join(', ');
}

function describe(period: string | undefined, filters: { dimension: string; values: string[] }[]): string {
  const what = period ? periodLabel(period) : messages.summaryDefaultPeriod;
  return filters.length > 0 ? `${what} (${describeFilters(filters)})` : what;
}

function periodLabel(period: string): string {
  const labels: Record<string, string> = messages.periodLabels;
  return labels[period] ?? period;
}
