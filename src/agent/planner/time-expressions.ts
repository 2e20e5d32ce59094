import type { TimeRange } from '../../semantic/plan.js';
import {
  addDays,
  addMonths,
  endOfMonth,
  monthLabel,
  previousPeriod,
  startOfMonth,
  startOfWeek,
} from '../../semantic/time-range.js';

/**
 * Time words in a question, detected first (as specs) and resolved later against the chosen source's latest date:
 * "last month" in the Amazon data (ending 2022-06-29) is May 2022, whatever today is.
 */
export type TimeSpec =
  | { kind: 'month'; month: number; year?: number }
  | { kind: 'quarter'; quarter: number; year?: number }
  | { kind: 'year'; year: number }
  | { kind: 'rolling'; unit: 'day' | 'week' | 'month'; n: number }
  | { kind: 'calendar'; unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; offset: 0 | -1 }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'all' };

export interface TimeDetection {
  current?: TimeSpec;
  /** An explicit second period: "May vs June" → current June, compare May. */
  compare?: TimeSpec;
  /** "week over week", "vs previous period", "growth": compare with the previous period of equal length. */
  comparePrevious: boolean;
  /** The question with the time words blanked out. */
  rest: string;
  /** Present but not understood ("in 2019-13"?): the planner asks rather than ignores it. */
  unparsed: string[];
}

const MONTHS: Record<string, number> = {
  january: 0,
  jan: 0,
  february: 1,
  feb: 1,
  march: 2,
  mar: 2,
  april: 3,
  apr: 3,
  may: 4,
  june: 5,
  jun: 5,
  july: 6,
  jul: 6,
  august: 7,
  aug: 7,
  september: 8,
  sept: 8,
  sep: 8,
  october: 9,
  oct: 9,
  november: 10,
  nov: 10,
  december: 11,
  dec: 11,
};
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Number words the planner reads, for top-N ("top five") and periods ("last thirty days"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  ninety: 90,
};

function num(s: string): number {
  return NUMBER_WORDS[s] ?? Number(s);
}

function year(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const n = Number(s.replace(/^'/, ''));
  return n < 100 ? 2000 + n : n;
}

export function detectTime(text: string): TimeDetection {
  let rest = ` ${text} `;
  const found: { spec: TimeSpec; at: number }[] = [];
  let comparePrevious = false;
  const take = (re: RegExp, fn: (m: RegExpExecArray) => TimeSpec | 'compare' | null) => {
    for (;;) {
      const m = re.exec(rest);
      if (!m) return;
      const spec = fn(m);
      if (spec === 'compare') comparePrevious = true;
      else if (spec) found.push({ spec, at: m.index });
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
      if (!re.global) return;
    }
  };

  take(
    /\b(?:vs\.?|versus|compared (?:to|with)|against|over|relative to) (?:the )?(?:(?:previous|prior|preceding) (?:period|week|month|quarter|year|\d+ days)|(?:week|month|quarter|year|period) before)\b/,
    () => 'compare',
  );
  take(/\b(week over week|week on week|wow|w\/w|weekly change)\b/, () => {
    found.push({ spec: { kind: 'calendar', unit: 'week', offset: -1 }, at: 0 });
    return 'compare';
  });
  take(/\b(month over month|month on month|mom|m\/m|monthly change)\b/, () => {
    found.push({ spec: { kind: 'calendar', unit: 'month', offset: 0 }, at: 0 });
    return 'compare';
  });
  take(/\b(\d{4}-\d{2}-\d{2})\s*(?:to|until|till|through|and|-|–)\s*(\d{4}-\d{2}-\d{2})\b/g, (m) => ({
    kind: 'range',
    from: m[1]!,
    to: m[2]!,
  }));
  take(/\b(?:on )?(\d{4}-\d{2}-\d{2})\b/g, (m) => ({ kind: 'range', from: m[1]!, to: m[1]! }));
  take(
    new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)? (${MONTH_RE})(?:,? ('?\\d{2,4}))?\\s*(?:to|until|till|through|and|-|–)\\s*(\\d{1,2})(?:st|nd|rd|th)? (${MONTH_RE})(?:,? ('?\\d{2,4}))?\\b`,
      'g',
    ),
    (m) => dayRangeSpec(m[1]!, m[2]!, m[3] ?? m[6], m[4]!, m[5]!, m[6] ?? m[3]),
  );
  take(
    new RegExp(
      `\\b(${MONTH_RE}) (\\d{1,2})(?:st|nd|rd|th)?,? ('?\\d{4})?\\s*(?:to|until|till|through|-|–)\\s*(${MONTH_RE}) (\\d{1,2})(?:st|nd|rd|th)?(?:,? ('?\\d{4}))?\\b`,
      'g',
    ),
    (m) => dayRangeSpec(m[2]!, m[1]!, m[3] ?? m[6], m[5]!, m[4]!, m[6] ?? m[3]),
  );
  take(
    /\b(?:in |during |for |over )?(?:the )?(?:last|past|previous|trailing) (\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty|ninety) (days?|weeks?|months?)\b/g,
    (m) => ({
      kind: 'rolling',
      unit: m[2]!.replace(/s$/, '') as 'day' | 'week' | 'month',
      n: num(m[1]!),
    }),
  );
  take(new RegExp(`\\b(first|second|1st|2nd) half of (${MONTH_RE})(?:,? ('?\\d{4}))?\\b`, 'g'), (m) => {
    const first = m[1] === 'first' || m[1] === '1st';
    const mm = String(MONTHS[m[2]!]! + 1).padStart(2, '0');
    const y = m[3] ? String(year(m[3])) : '????';
    const end = m[3] ? endOfMonth(`${y}-${mm}-01`).slice(8) : '31';
    return {
      kind: 'range',
      from: `${y}-${mm}-${first ? '01' : '16'}`,
      to: `${y}-${mm}-${first ? '15' : end}`,
    };
  });
  // "vs last month" compares this month with the last one (weeks: the last complete week with the one before).
  take(
    /\b(?:vs\.?|versus|compared (?:to|with)|than|against|from) (?:the )?(?:last|previous|prior) (month|quarter|year)\b/,
    (m) => {
      found.push({
        spec: { kind: 'calendar', unit: m[1] as 'month' | 'quarter' | 'year', offset: 0 },
        at: m.index,
      });
      return 'compare';
    },
  );
  take(
    /\b(?:vs\.?|versus|compared (?:to|with)|than|against) (?:the )?(?:last|previous|prior) week\b/,
    (m) => {
      found.push({ spec: { kind: 'calendar', unit: 'week', offset: -1 }, at: m.index });
      return 'compare';
    },
  );
  take(
    /\b(?:in |during |for |over )?(?:the )?(last|previous|past|prior|this|current) (week|month|quarter|year)\b/g,
    (m) => ({
      kind: 'calendar',
      unit: m[2] as 'week' | 'month' | 'quarter' | 'year',
      offset: ['this', 'current'].includes(m[1]!) ? 0 : -1,
    }),
  );
  take(/\b(month to date|mtd)\b/g, () => ({ kind: 'calendar', unit: 'month', offset: 0 }));
  take(/\b(quarter to date|qtd)\b/g, () => ({ kind: 'calendar', unit: 'quarter', offset: 0 }));
  take(/\b(year to date|ytd)\b/g, () => ({ kind: 'calendar', unit: 'year', offset: 0 }));
  take(/\b(yesterday)\b/g, () => ({ kind: 'calendar', unit: 'day', offset: -1 }));
  take(/\b(today|latest day|last day)\b/g, () => ({ kind: 'calendar', unit: 'day', offset: 0 }));
  take(
    /\b(?:in |during |for )?(?:the )?(q[1-4]|first quarter|second quarter|third quarter|fourth quarter)(?:,? (?:of )?('?\d{2,4}))?\b/g,
    (m) => ({
      kind: 'quarter',
      quarter: quarterNumber(m[1]!),
      ...(m[2] ? { year: year(m[2]) } : {}),
    }),
  );
  take(
    new RegExp(`\\b(?:in |during |for |of )?(${MONTH_RE})(?:[ -](?:of )?('?\\d{2}(?!\\d)|\\d{4}))?\\b`, 'g'),
    (m) => {
      // "may" is also a verb: only a month when it reads like one (not "may I", "may we").
      if (m[1] === 'may' && /^\s*(i|we|you)\b/.test(rest.slice(m.index + m[0].length))) return null;
      if (m[1] === 'mar' && !m[2]) return null;
      return { kind: 'month', month: MONTHS[m[1]!]!, ...(m[2] ? { year: year(m[2]) } : {}) };
    },
  );
  take(/\b(?:in |during |for )?(20\d{2})\b/g, (m) => ({ kind: 'year', year: Number(m[1]) }));
  take(/\b(all time|all-time|overall|ever|entire period|whole period|all dates|full period)\b/g, () => ({
    kind: 'all',
  }));

  const specs = found.sort((a, b) => a.at - b.at).map((f) => f.spec);
  const detection: TimeDetection = { comparePrevious, rest: rest.trim().replace(/\s+/g, ' '), unparsed: [] };
  const real = specs.filter((s) => s.kind !== 'all');
  if (real.length >= 2) {
    // Two periods: the later one is "current", the earlier one the comparison ("May vs June", "June vs May").
    detection.current = real[0];
    detection.compare = real[1];
  } else if (real.length === 1) detection.current = real[0];
  else if (specs.length) detection.current = specs[0];
  return detection;
}

function quarterNumber(s: string): number {
  if (s.startsWith('q')) return Number(s.slice(1));
  return ['first', 'second', 'third', 'fourth'].indexOf(s.split(' ')[0]!) + 1;
}

function dayRangeSpec(
  d1: string,
  m1: string,
  y1: string | undefined,
  d2: string,
  m2: string,
  y2: string | undefined,
): TimeSpec | null {
  const yy1 = year(y1) ?? 0;
  const yy2 = year(y2) ?? 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    kind: 'range',
    from: `${yy1 || '????'}-${pad(MONTHS[m1]! + 1)}-${pad(Number(d1))}`,
    to: `${yy2 || '????'}-${pad(MONTHS[m2]! + 1)}-${pad(Number(d2))}`,
  };
}

/** Resolves a spec against the source's latest date. Returns undefined for "all time". */
export function resolveTime(spec: TimeSpec, latest: string): TimeRange | undefined {
  const latestYear = Number(latest.slice(0, 4));
  const latestMonth = Number(latest.slice(5, 7)) - 1;
  switch (spec.kind) {
    case 'all':
      return undefined;
    case 'month': {
      // Without a year: the most recent such month on or before the data's latest date.
      const y = spec.year ?? (spec.month <= latestMonth ? latestYear : latestYear - 1);
      const from = `${y}-${String(spec.month + 1).padStart(2, '0')}-01`;
      return { from, to: endOfMonth(from), label: monthLabel(from) };
    }
    case 'quarter': {
      const latestQ = Math.floor(latestMonth / 3) + 1;
      const y = spec.year ?? (spec.quarter <= latestQ ? latestYear : latestYear - 1);
      const from = `${y}-${String((spec.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
      const to = endOfMonth(addMonths(from, 2));
      return { from, to, label: `Q${spec.quarter} ${y} (${from} to ${to})` };
    }
    case 'year':
      return { from: `${spec.year}-01-01`, to: `${spec.year}-12-31`, label: String(spec.year) };
    case 'rolling': {
      const from =
        spec.unit === 'day'
          ? addDays(latest, -(spec.n - 1))
          : spec.unit === 'week'
            ? addDays(latest, -(spec.n * 7 - 1))
            : addDays(addMonthsKeepDay(latest, -spec.n), 1);
      const unit = spec.n === 1 ? spec.unit : `${spec.n} ${spec.unit}s`;
      return { from, to: latest, label: `last ${unit} (${from} to ${latest})` };
    }
    case 'calendar':
      return calendar(spec.unit, spec.offset, latest);
    case 'range': {
      // No year given: the data's latest year; "April 31" (a half-month's end) clamps to the month's end.
      const fill = (d: string) => {
        const iso = d.startsWith('????') ? `${latestYear}${d.slice(4)}` : d;
        const monthEnd = endOfMonth(`${iso.slice(0, 7)}-01`);
        return iso > monthEnd ? monthEnd : iso;
      };
      const from = fill(spec.from);
      const to = fill(spec.to);
      return { from, to, label: from === to ? from : `${from} to ${to}` };
    }
  }
}

function addMonthsKeepDay(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

function calendar(
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year',
  offset: 0 | -1,
  latest: string,
): TimeRange {
  switch (unit) {
    case 'day': {
      const d = addDays(latest, offset);
      return {
        from: d,
        to: d,
        label: `${offset === 0 ? 'the latest day' : 'the day before the latest'} (${d})`,
      };
    }
    case 'week': {
      // "this week" is the (maybe partial) week of the latest date; "last week" the complete week before it.
      const thisWeek = startOfWeek(latest);
      const weekComplete = addDays(thisWeek, 6) === latest;
      if (offset === 0) {
        const to = addDays(thisWeek, 6);
        return { from: thisWeek, to, label: `the week of ${thisWeek} (${thisWeek} to ${to})` };
      }
      const from = weekComplete ? thisWeek : addDays(thisWeek, -7);
      const to = addDays(from, 6);
      return { from, to, label: `the week ${from} to ${to}` };
    }
    case 'month': {
      const from = addMonths(startOfMonth(latest), offset);
      return { from, to: endOfMonth(from), label: monthLabel(from) };
    }
    case 'quarter': {
      const m = Number(latest.slice(5, 7)) - 1;
      const qStart = `${latest.slice(0, 4)}-${String(Math.floor(m / 3) * 3 + 1).padStart(2, '0')}-01`;
      const from = addMonths(qStart, offset * 3);
      const to = endOfMonth(addMonths(from, 2));
      const q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
      return { from, to, label: `Q${q} ${from.slice(0, 4)} (${from} to ${to})` };
    }
    case 'year': {
      const y = Number(latest.slice(0, 4)) + offset;
      return { from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) };
    }
  }
}

export { previousPeriod };
