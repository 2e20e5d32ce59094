import type { Filter, Plan, TimeRange } from '../semantic/plan.js';

/**
 * Titles that say what and when: "Revenue by state, Apr–Jun 2022". Dates are formatted here (not by Vega) so the
 * title, the Slack message and the PNG read the same.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY_MS = 86_400_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseYmd(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoToMs(iso: string): number {
  const p = parseYmd(iso);
  return p ? Date.UTC(p.y, p.m - 1, p.d) : Number.NaN;
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const mon = (m: number): string => MONTHS[m - 1] ?? '?';

/** "2022-04-01".."2022-06-30" → "Apr–Jun 2022"; "2022-06-01".."2022-06-07" → "1–7 Jun 2022". */
export function formatPeriod(fromIso: string, toIso: string): string {
  const a = parseYmd(fromIso);
  const b = parseYmd(toIso);
  if (!a || !b) return `${fromIso} – ${toIso}`;
  const wholeMonths = a.d === 1 && b.d === lastDayOfMonth(b.y, b.m);
  if (wholeMonths) {
    if (a.y === b.y && a.m === b.m) return `${mon(a.m)} ${a.y}`;
    if (a.y === b.y) return `${mon(a.m)}–${mon(b.m)} ${a.y}`;
    return `${mon(a.m)} ${a.y}–${mon(b.m)} ${b.y}`;
  }
  if (a.y === b.y && a.m === b.m && a.d === b.d) return `${a.d} ${mon(a.m)} ${a.y}`;
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${mon(a.m)} ${a.y}`;
  if (a.y === b.y) return `${a.d} ${mon(a.m)}–${b.d} ${mon(b.m)} ${a.y}`;
  return `${a.d} ${mon(a.m)} ${a.y}–${b.d} ${mon(b.m)} ${b.y}`;
}

export function formatTimeRange(range: TimeRange): string {
  return formatPeriod(range.from, range.to);
}

/**
 * The period before `range`: the same number of whole months when the range is whole months, otherwise the same
 * number of days ending the day before it starts (what "previous period" means in the plan).
 */
export function previousPeriod(range: { from: string; to: string }): { from: string; to: string } | null {
  const a = parseYmd(range.from);
  const b = parseYmd(range.to);
  if (!a || !b) return null;
  if (a.d === 1 && b.d === lastDayOfMonth(b.y, b.m)) {
    const months = (b.y - a.y) * 12 + (b.m - a.m) + 1;
    const start = Date.UTC(a.y, a.m - 1 - months, 1);
    const end = Date.UTC(a.y, a.m - 1, 0);
    return { from: toIso(start), to: toIso(end) };
  }
  const fromMs = isoToMs(range.from);
  const days = Math.round((isoToMs(range.to) - fromMs) / DAY_MS) + 1;
  return { from: toIso(fromMs - days * DAY_MS), to: toIso(fromMs - DAY_MS) };
}

/** The two period labels of a comparison plan: ["Jun 2022", "May 2022"], or generic words when unknown. */
export function comparisonLabels(plan: Plan | undefined): { current: string; previous: string } {
  const current = plan?.timeRange ? formatTimeRange(plan.timeRange) : 'This period';
  let previous = 'Previous period';
  if (plan?.compareTo && plan.compareTo !== 'previous_period') {
    previous = formatTimeRange(plan.compareTo);
  } else if (plan?.compareTo === 'previous_period' && plan.timeRange) {
    const p = previousPeriod(plan.timeRange);
    if (p) previous = formatPeriod(p.from, p.to);
  }
  if (previous === current) previous = `${previous} (before)`;
  return { current, previous };
}

/** "Category: Kurta, Set · Status: not Cancelled" (values exactly as in the data; at most 3 per filter). */
export function describeFilters(
  filters: readonly Filter[],
  label: (dimensionId: string) => string,
): string | null {
  if (filters.length === 0) return null;
  return filters
    .map((f) => {
      const shown = f.values
        .slice(0, 3)
        .map((v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)));
      const more = f.values.length > 3 ? ` +${f.values.length - 3} more` : '';
      return `${label(f.dimension)}: ${f.op === 'not_in' ? 'not ' : ''}${shown.join(', ')}${more}`;
    })
    .join(' · ');
}

/** "Revenue", "Revenue and orders", "Revenue, orders and units". */
export function joinLabels(labels: readonly string[]): string {
  const [first, ...rest] = labels;
  if (!first) return '';
  const lower = rest.map((l) => (/^[A-Z][a-z]/.test(l) ? l[0]!.toLowerCase() + l.slice(1) : l));
  if (lower.length === 0) return first;
  if (lower.length === 1) return `${first} and ${lower[0]}`;
  return `${first}, ${lower.slice(0, -1).join(', ')} and ${lower[lower.length - 1]}`;
}

/** "Revenue by state" → lower-cased dimension words after "by", as a person would write it. */
export function byPhrase(labels: readonly string[]): string {
  return labels.map((l) => (/^[A-Z][a-z]/.test(l) ? l[0]!.toLowerCase() + l.slice(1) : l)).join(' and ');
}
