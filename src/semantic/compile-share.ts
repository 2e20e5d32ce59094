import type { Catalog, MetricDef } from './catalog.js';
import type { CompiledColumn } from './compile-plan.js';
import { inSentence } from './label-text.js';
import type { Plan, TimeRange } from './plan.js';
import { quoteIdent } from './sql-literal.js';

/** The parts of the one SELECT a share adds to: its CTEs, joins, select list, columns and definitions. */
export interface ShareParts {
  ctes: string[];
  joins: string[];
  select: string[];
  columns: CompiledColumn[];
  definitions: string[];
}

export interface ShareInputs {
  plan: Plan;
  catalog: Catalog;
  dims: { id: string; expr: string }[];
  first: { id: string; def: MetricDef };
  /** The table the total is read from (the source's shareTotalTable, or its own table). */
  totalFrom: string;
  /** The WHERE clause over a period, leaving out filters on the dimensions given. */
  where: (range: TimeRange | undefined, exceptDimensions: string[]) => string;
}

/** The CTE each period's rows are aggregated in, beside the CTE holding that period's total. */
interface SharePeriod {
  range: TimeRange | undefined;
  rows: 'cur' | 'prev' | 'prevfull';
  total: string;
  column: string;
  label: string;
}

/**
 * A share of the whole: each row's first metric over the total. The total is computed from the rows themselves, so
 * it is right for non-additive metrics too (distinct orders are not the sum of each group's distinct orders).
 * Filters on the grouped dimensions are left out of the total: "what share of revenue is Set" is Set's revenue over
 * all categories, not over Set alone. With a comparison, the other period's share is there too ("promo share in
 * June vs April": 74.0 % vs 74.5 %), like for like and, when cut, whole, so a share is never compared with nothing.
 */
export function addShare(
  input: ShareInputs,
  parts: ShareParts,
  periods: { current?: TimeRange; previous?: TimeRange; previousFull?: TimeRange },
): void {
  const { plan, dims } = input;
  const within = dims.filter((d) => plan.shareWithin?.includes(d.id));
  const shares: SharePeriod[] = [
    { range: periods.current, rows: 'cur', total: 'total', column: 'share', label: 'Share' },
  ];
  if (periods.previous)
    shares.push({
      range: periods.previous,
      rows: 'prev',
      total: 'prevtotal',
      column: 'share_previous',
      label: `Share (${periods.previous.label})`,
    });
  if (periods.previousFull)
    shares.push({
      range: periods.previousFull,
      rows: 'prevfull',
      total: 'prevfulltotal',
      column: 'share_previous_full',
      label: `Share (${periods.previousFull.label}, whole)`,
    });
  for (const s of shares) addOneShare(input, parts, within, s);
  parts.definitions.push(shareDefinition(input, within));
}

function addOneShare(
  input: ShareInputs,
  parts: ShareParts,
  within: { id: string; expr: string }[],
  s: SharePeriod,
): void {
  const { plan, first } = input;
  const excluded = plan.groupBy.filter((g) => !within.some((d) => d.id === g));
  const totalSql = [
    `SELECT ${[...within.map((d) => `${d.expr} AS ${quoteIdent(d.id)}`), `${first.def.sql} AS t`].join(', ')}`,
    `FROM ${input.totalFrom}`,
    input.where(s.range, excluded),
    within.length ? `GROUP BY ${within.map((_, i) => i + 1).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  parts.ctes.push(`${s.total} AS (${totalSql})`);
  parts.select.push(
    `CAST(${s.rows}.${quoteIdent(first.id)} AS DOUBLE) / NULLIF(${s.total}.t, 0) AS ${quoteIdent(s.column)}`,
  );
  parts.joins.push(
    within.length
      ? `LEFT JOIN ${s.total} ON ${within.map((d) => `cur.${quoteIdent(d.id)} IS NOT DISTINCT FROM ${s.total}.${quoteIdent(d.id)}`).join(' AND ')}`
      : `CROSS JOIN ${s.total}`,
  );
  parts.columns.push({ name: s.column, role: 'share', ref: first.id, label: s.label, format: 'percent' });
}

function shareDefinition(input: ShareInputs, within: { id: string }[]): string {
  const { plan, catalog, first } = input;
  const label = (g: string) => inSentence(catalog.dimensions[g]?.label ?? g);
  const excluded = plan.groupBy.filter((g) => !within.some((d) => d.id === g));
  const metric = inSentence(first.def.label);
  if (within.length)
    return `Share = each row's ${metric} / the ${metric} of its ${within.map((d) => label(d.id)).join(' × ')} across all ${excluded.map(label).join(' × ')} values.`;
  const scoped = plan.filters.some((f) => !plan.groupBy.includes(f.dimension)) || plan.timeRange;
  return `Share = each row's ${metric} / the total ${metric} across all ${plan.groupBy.map(label).join(' × ') || 'rows'} values${scoped ? ' within the other filters and period' : ''}.`;
}
