import { AppError } from '../errors.js';
import type { Catalog, DimensionDef, MetricFormat } from './catalog.js';
import { THRESHOLD_WORDS, type Filter, type Plan, type ThresholdOp, type TimeRange } from './plan.js';
import {
  booleanLiteral,
  dateLiteral,
  isIsoDate,
  numberLiteral,
  quoteIdent,
  stringLiteral,
} from './sql-literal.js';
import { previousPeriod } from './time-range.js';
import { addShare } from './compile-share.js';
import { addStepChange } from './compile-step-change.js';
import { booleanFilterValue } from './boolean-values.js';
import { inSentence, plural } from './label-text.js';
import { formatIndianNumber } from '../format/money.js';
import { likeForLike, type DateSpan } from './bucket-coverage.js';
import { formatDay, formatDaySpan, formatMonth, ordinal, type DateGrain } from '../format/dates.js';

/**
 * Plan → ONE SELECT over the clean tables. Result columns follow the convention agreed with the charts engineer:
 *   one column per groupBy dimension named by the dimension id (day/week/month as DATE),
 *   one column per metric named by the metric id,
 *   "share" when plan.share (first metric's share of the whole filtered total),
 *   "<metric>_previous" and "<metric>_change" (a ratio, 0.052 = +5.2 %) when plan.compareTo.
 * Every identifier comes from the catalog and every filter value is an escaped literal.
 */
export type CompiledColumnRole = 'dimension' | 'metric' | 'share' | 'previous' | 'change';

export interface CompiledColumn {
  name: string;
  role: CompiledColumnRole;
  /** Metric id for metric/previous/change columns, dimension id for dimensions. */
  ref: string;
  label: string;
  /** How to display the values: money, counts, ratios (shown as %), plain numbers, dates or text. */
  format: MetricFormat | 'date' | 'text' | 'boolean' | ChangeFormat;
  /** Date dimensions (day, week, month): the bucket each value starts. */
  grain?: DateGrain;
}

/**
 * How a change column holds its values: 'change' a relative change of an amount (0.052 = +5.2 %), 'points' the
 * difference of two rates (0.012 = +1.2 percentage points). Rates change in points, never by a % of a %.
 */
export type ChangeFormat = 'change' | 'points';

export interface CompiledPlan {
  sql: string;
  /** Definitions the answer must state (metric definitions, share and change formulas, comparison period). */
  definitions: string[];
  columns: CompiledColumn[];
  /** The comparison period actually used, when plan.compareTo is set. */
  comparePeriod?: TimeRange;
  /** Set when the data ends inside the plan's period and a comparison was cut like for like (1–29 Jun vs 1–29 May). */
  currentPeriod?: TimeRange;
}

export interface CompileOptions {
  /** The dates the plan's table holds: a comparison whose current period runs past them is cut like for like. */
  coverage?: DateSpan;
}

export function compilePlan(plan: Plan, catalog: Catalog, options: CompileOptions = {}): CompiledPlan {
  const { source, metrics, dims } = checkedParts(plan, catalog);

  const filterSql = plan.filters.map((f) => ({ dimension: f.dimension, sql: filterExpr(catalog, plan, f) }));
  const table = quoteIdent(source.table);
  const dateCol = source.dateColumn ? quoteIdent(source.dateColumn) : undefined;

  const { comparePeriod, currentPeriod, cut, fullComparePeriod } = comparisonPeriods(plan, options);
  const currentRange = currentPeriod ?? plan.timeRange;

  const where = (range: TimeRange | undefined, exceptDimensions: string[] = []): string => {
    const parts = filterSql.filter((f) => !exceptDimensions.includes(f.dimension)).map((f) => f.sql);
    if (range && dateCol)
      parts.push(`${dateCol} BETWEEN ${dateLiteral(range.from)} AND ${dateLiteral(range.to)}`);
    return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  };

  const dimSelect = dims.map((d) => `${d.expr} AS ${quoteIdent(d.id)}`);
  const metricSelect = metrics.map((m) => `${m.def.sql} AS ${quoteIdent(m.id)}`);
  const groupClause = dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : '';
  const aggregate = (range: TimeRange | undefined) =>
    [`SELECT ${[...dimSelect, ...metricSelect].join(', ')}`, `FROM ${table}`, where(range), groupClause]
      .filter(Boolean)
      .join(' ');

  const columns: CompiledColumn[] = [
    ...dims.map((d) => dimensionColumn(catalog, d.id)),
    ...metrics.map((m): CompiledColumn => ({
      name: m.id,
      role: 'metric',
      ref: m.id,
      label: m.def.label,
      format: m.def.format,
    })),
  ];
  const definitions = metrics.map((m) => m.def.definition);
  const first = metrics[0]!;

  const ctes: string[] = [`cur AS (${aggregate(currentRange)})`];
  const select: string[] = [
    ...dims.map((d) => `cur.${quoteIdent(d.id)}`),
    ...metrics.map((m) => `cur.${quoteIdent(m.id)}`),
  ];
  const joins: string[] = [];

  if (plan.share) {
    const within = dims.filter((d) => plan.shareWithin?.includes(d.id));
    if ((plan.shareWithin ?? []).length !== within.length || within.length >= dims.length)
      throw invalid('A share within groups needs those groups among the breakdowns, and one breakdown more.');
    const totalFrom = source.shareTotalTable ? quoteIdent(source.shareTotalTable) : table;
    addShare(
      { plan, catalog, dims, first, totalFrom, where },
      { ctes, joins, select, columns, definitions },
      {
        ...(currentRange ? { current: currentRange } : {}),
        ...(comparePeriod ? { previous: comparePeriod } : {}),
        ...(cut && fullComparePeriod ? { previousFull: fullComparePeriod } : {}),
      },
    );
  }

  if (comparePeriod) {
    ctes.push(`prev AS (${aggregate(comparePeriod)})`);
    if (dims.length) everyGroupOfBoth(ctes, dims, metrics);
    const on = dims.length
      ? `LEFT JOIN prev ON ${dims.map((d) => `cur.${quoteIdent(d.id)} IS NOT DISTINCT FROM prev.${quoteIdent(d.id)}`).join(' AND ')}`
      : 'LEFT JOIN prev ON TRUE';
    joins.push(on);
    for (const m of metrics) {
      const id = quoteIdent(m.id);
      const points = m.def.format === 'percent';
      // A group with no rows in a comparison period that has data sold nothing then: 0 of an amount or a count.
      // A period with no data at all stays blank, never a confident zero.
      const before =
        zeroWhenAbsent(m.def) && dims.length
          ? `CASE WHEN EXISTS (SELECT 1 FROM prev) THEN COALESCE(prev.${id}, 0) END`
          : `prev.${id}`;
      select.push(`${before} AS ${quoteIdent(`${m.id}_previous`)}`);
      select.push(
        points
          ? `CAST(cur.${id} - prev.${id} AS DOUBLE) AS ${quoteIdent(`${m.id}_change`)}`
          : `CAST(cur.${id} - prev.${id} AS DOUBLE) / NULLIF(ABS(prev.${id}), 0) AS ${quoteIdent(`${m.id}_change`)}`,
      );
      columns.push({
        name: `${m.id}_previous`,
        role: 'previous',
        ref: m.id,
        label: `${m.def.label} (previous)`,
        format: m.def.format,
      });
      columns.push({
        name: `${m.id}_change`,
        role: 'change',
        ref: m.id,
        label: `${m.def.label} change`,
        format: points ? 'points' : 'change',
      });
    }
    if (cut && fullComparePeriod) {
      const parts = { ctes, joins, select, columns };
      wholePreviousPeriod(
        parts,
        dims,
        metrics,
        `prevfull AS (${aggregate(fullComparePeriod)})`,
        fullComparePeriod,
      );
    }
    definitions.push(...comparisonDefinitions(metrics, comparePeriod, currentRange, cut, currentPeriod));
  }

  if (!comparePeriod) addStepChange(plan, catalog, metrics, { select, columns, definitions });

  const keptBy = [
    ...thresholdConditions(plan, catalog, definitions),
    ...rankedRowsOnly(plan, catalog, definitions),
    ...changeKeptConditions(plan, catalog, comparePeriod, definitions),
  ];
  const kept = keptBy.length ? `WHERE ${keptBy.join(' AND ')}` : '';
  const orderBy = orderClause(plan, catalog, columns);
  const limit = plan.limit ? `LIMIT ${numberLiteral(plan.limit)}` : '';
  const body = [`SELECT ${select.join(', ')}`, 'FROM cur', ...joins, kept, orderBy, limit]
    .filter(Boolean)
    .join('\n');
  const sql = plan.combined
    ? combinedSql(plan, catalog, ctes, body, columns, definitions)
    : plan.countGroups
      ? countGroupsSql(plan, catalog, ctes, body, columns)
      : `WITH ${ctes.join(', ')}\n${body}`;

  return {
    sql,
    definitions,
    columns,
    ...(comparePeriod ? { comparePeriod } : {}),
    ...(currentPeriod ? { currentPeriod } : {}),
  };
}

/** "Jun 2022 to the 29th" for a month cut short, else the days: "1–29 Jun 2022". */
function cutLabel(range: TimeRange, cut: DateSpan): string {
  const month = range.from.slice(8) === '01' && range.from.slice(0, 7) === range.to.slice(0, 7);
  return month
    ? `${formatMonth(range.from)} to the ${ordinal(Number(cut.to.slice(8, 10)))}`
    : formatDaySpan(cut.from, cut.to);
}

const THRESHOLD_SQL: Record<ThresholdOp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The plan's source, metrics and breakdowns, checked against the catalog and each other before any SQL. */
function checkedParts(plan: Plan, catalog: Catalog) {
  const source = catalog.sources[plan.source];
  if (!source) throw invalid(`Unknown data source "${plan.source}".`);

  const metrics = plan.metrics.map((id) => {
    const m = catalog.metrics[id];
    if (!m) throw invalid(`Unknown metric "${id}".`);
    if (m.source !== plan.source)
      throw invalid(`The metric "${id}" lives on ${m.source}, not on ${plan.source}.`);
    return { id, def: m };
  });
  if (new Set(plan.metrics).size !== plan.metrics.length) throw invalid('A metric is listed twice.');
  const dims = plan.groupBy.map((id) => ({ id, expr: groupExpr(catalog, id, plan) }));
  if (new Set(plan.groupBy).size !== plan.groupBy.length) throw invalid('A dimension is grouped twice.');

  if (plan.compareTo && !plan.timeRange)
    throw invalid('A comparison needs a time range to compare with the previous period.');
  if (plan.compareTo && plan.groupBy.some((g) => catalog.dimensions[g]?.grain))
    throw invalid('A comparison cannot be grouped by a date grain; group by the grain without compareTo.');
  if (plan.timeRange && !source.dateColumn)
    throw invalid(`${plan.source} has no dates, so it cannot be filtered by a time range.`);
  if (plan.timeRange) checkRange(plan.timeRange);

  return { source, metrics, dims };
}

/**
 * The comparison period, and the current one when it is cut: a comparison over a period the data ends inside
 * compares the days there are with as many days of the other period; "this month vs last month" on data ending
 * 29 Jun is 1–29 Jun vs 1–29 May, not 29 days vs 31.
 */
function comparisonPeriods(
  plan: Plan,
  options: CompileOptions,
): {
  comparePeriod?: TimeRange;
  currentPeriod?: TimeRange;
  cut: ReturnType<typeof likeForLike>;
  fullComparePeriod?: TimeRange;
} {
  let comparePeriod: TimeRange | undefined =
    plan.compareTo && plan.timeRange
      ? plan.compareTo === 'previous_period'
        ? previousPeriod(plan.timeRange)
        : plan.compareTo
      : undefined;
  if (comparePeriod) checkRange(comparePeriod);
  const cut =
    comparePeriod && plan.timeRange ? likeForLike(plan.timeRange, comparePeriod, options.coverage) : null;
  const currentPeriod: TimeRange | undefined =
    cut && plan.timeRange ? { ...cut.current, label: cutLabel(plan.timeRange, cut.current) } : undefined;
  const fullComparePeriod = cut ? comparePeriod : undefined;
  if (cut && comparePeriod)
    comparePeriod = { ...cut.compare, label: formatDaySpan(cut.compare.from, cut.compare.to) };
  return {
    ...(comparePeriod ? { comparePeriod } : {}),
    ...(currentPeriod ? { currentPeriod } : {}),
    ...(fullComparePeriod ? { fullComparePeriod } : {}),
    cut,
  };
}

/** What a comparison's numbers mean: pp or relative change, the like-for-like cut, and the periods compared. */
function comparisonDefinitions(
  metrics: { def: { format: MetricFormat } }[],
  comparePeriod: TimeRange,
  currentRange: TimeRange | undefined,
  cut: ReturnType<typeof likeForLike>,
  currentPeriod: TimeRange | undefined,
): string[] {
  const out: string[] = [];
  const rates = metrics.filter((m) => m.def.format === 'percent').length;
  if (rates && rates < metrics.length)
    out.push('Changes of rates and shares are in percentage points (pp): current rate − previous rate.');
  if (cut && currentPeriod)
    out.push(
      `Like for like: the data ends on ${formatDay(cut.current.to)}, so ${currentPeriod.label} is compared with the same ${cut.days} days of the other period (${comparePeriod.label}).`,
    );
  out.push(
    `Change = ${rates === metrics.length ? 'current − previous, in percentage points (pp)' : '(current − previous) / previous'}, comparing ${currentRange?.label ?? ''} with ${
      // Labels of explicit ranges already carry their dates; say them only once.
      comparePeriod.label.includes(comparePeriod.from)
        ? comparePeriod.label
        : `${comparePeriod.label} (${comparePeriod.from} to ${comparePeriod.to})`
    }.`,
  );
  return out;
}

/**
 * A comparison cut like for like still shows the other period whole: "May 2022" in full beside "1–29 May", so the
 * figure a person knows for May is there too (`<metric>_previous_full`), while the change stays like for like.
 */
function wholePreviousPeriod(
  parts: { ctes: string[]; joins: string[]; select: string[]; columns: CompiledColumn[] },
  dims: { id: string }[],
  metrics: { id: string; def: { label: string; format: MetricFormat } }[],
  cte: string,
  period: TimeRange,
): void {
  parts.ctes.push(cte);
  parts.joins.push(
    dims.length
      ? `LEFT JOIN prevfull ON ${dims.map((d) => `cur.${quoteIdent(d.id)} IS NOT DISTINCT FROM prevfull.${quoteIdent(d.id)}`).join(' AND ')}`
      : 'LEFT JOIN prevfull ON TRUE',
  );
  for (const m of metrics) {
    const id = quoteIdent(m.id);
    parts.select.push(`prevfull.${id} AS ${quoteIdent(`${m.id}_previous_full`)}`);
    parts.columns.push({
      name: `${m.id}_previous_full`,
      role: 'previous',
      ref: m.id,
      label: `${m.def.label} (${period.label}, whole)`,
      format: m.def.format,
    });
    // The change on the whole previous period too: "June so far vs all of May" is the figure many expect of MoM,
    // stated beside the like-for-like one (which leads, being the fair comparison).
    const points = m.def.format === 'percent';
    parts.select.push(
      points
        ? `CAST(cur.${id} - prevfull.${id} AS DOUBLE) AS ${quoteIdent(`${m.id}_change_full`)}`
        : `CAST(cur.${id} - prevfull.${id} AS DOUBLE) / NULLIF(ABS(prevfull.${id}), 0) AS ${quoteIdent(`${m.id}_change_full`)}`,
    );
    parts.columns.push({
      name: `${m.id}_change_full`,
      role: 'change',
      ref: m.id,
      label: `${m.def.label} change on ${period.label} whole`,
      format: points ? 'points' : 'change',
    });
  }
}

/** A sum or a count of a group with no rows is 0; an average or a rate of nothing is no number. */
function zeroWhenAbsent(def: { additive: boolean; format: MetricFormat }): boolean {
  return def.additive || def.format === 'count';
}

/**
 * A breakdown compared with another period lists the groups of either period: a state that sold last week and not
 * this week is the biggest fall, not a missing row. The current period's aggregate becomes `cur0`, and `cur` holds
 * every group of both, with 0 of an amount or a count where the current period (which has data) had none.
 */
function everyGroupOfBoth(
  ctes: string[],
  dims: { id: string }[],
  metrics: { id: string; def: { additive: boolean; format: MetricFormat } }[],
): void {
  ctes[0] = ctes[0]!.replace(/^cur AS \(/, 'cur0 AS (');
  const keys = dims.map((d) => quoteIdent(d.id)).join(', ');
  const on = dims
    .map((d) => `k.${quoteIdent(d.id)} IS NOT DISTINCT FROM cur0.${quoteIdent(d.id)}`)
    .join(' AND ');
  const values = metrics.map((m) => {
    const id = quoteIdent(m.id);
    return zeroWhenAbsent(m.def) ? `COALESCE(cur0.${id}, 0) AS ${id}` : `cur0.${id}`;
  });
  ctes.push(
    `cur AS (SELECT ${dims.map((d) => `k.${quoteIdent(d.id)}`).join(', ')}, ${values.join(', ')} FROM (SELECT ${keys} FROM cur0 UNION SELECT ${keys} FROM prev) k LEFT JOIN cur0 ON ${on})`,
  );
}

/** "which of those grew": the groups whose first metric rose (or fell) against the comparison period. */
function changeKeptConditions(
  plan: Plan,
  catalog: Catalog,
  comparePeriod: TimeRange | undefined,
  definitions: string[],
): string[] {
  if (!plan.changeKept) return [];
  if (!comparePeriod || !plan.groupBy.length)
    throw invalid('Keeping the groups that grew or fell needs a comparison and a breakdown.');
  const metric = plan.metrics[0]!;
  const groups = plan.groupBy.map((g) => inSentence(catalog.dimensions[g]?.label ?? g)).join(' × ');
  const rose = plan.changeKept === 'grew';
  definitions.push(
    `Kept: each ${groups} whose ${inSentence(catalog.metrics[metric]?.label ?? metric)} ${rose ? 'rose' : 'fell'} against ${comparePeriod.label}.`,
  );
  const id = quoteIdent(metric);
  return [`COALESCE(cur.${id}, 0) ${rose ? '>' : '<'} COALESCE(prev.${id}, 0)`];
}

/**
 * "bottom 5 states": a ranking of states lists states, so rows whose breakdown is blank (orders with no state) are
 * left out, and the definitions say so. Date series and rankings by a dimension keep every row.
 */
function rankedRowsOnly(plan: Plan, catalog: Catalog, definitions: string[]): string[] {
  if (!plan.limit || !plan.sort || plan.groupBy.includes(plan.sort.by) || plan.countGroups) return [];
  const dims = plan.groupBy.filter((d) => !catalog.dimensions[d]?.grain);
  if (!dims.length) return [];
  const labels = dims.map((d) => inSentence(catalog.dimensions[d]?.label ?? d));
  definitions.push(`The ranking leaves out rows with no ${labels.join(' or ')}.`);
  return dims.map((d) => `cur.${quoteIdent(d)} IS NOT NULL`);
}

/** "days over 9 lakh": the groups kept, as conditions over the aggregated rows; their definition is stated. */
function thresholdConditions(plan: Plan, catalog: Catalog, definitions: string[]): string[] {
  const conditions = plan.threshold ?? [];
  if (!conditions.length) return [];
  if (!plan.groupBy.length) throw invalid('A threshold keeps groups, so it needs a breakdown.');
  for (const t of conditions)
    if (!plan.metrics.includes(t.metric))
      throw invalid(`The threshold's metric "${t.metric}" is not measured.`);
  const groups = plan.groupBy.map((g) => inSentence(catalog.dimensions[g]?.label ?? g)).join(' × ');
  definitions.push(
    `Kept: each ${groups} whose ${conditions.map((t) => `${inSentence(catalog.metrics[t.metric]?.label ?? t.metric)} is ${THRESHOLD_WORDS[t.op]} ${formatIndianNumber(t.value, Number.isInteger(t.value) ? 0 : 2)}`).join(' and ')}.`,
  );
  return conditions.map(
    (t) => `cur.${quoteIdent(t.metric)} ${THRESHOLD_SQL[t.op]} ${numberLiteral(t.value)}`,
  );
}

/** The name of the column that counts a plan's groups ("how many days…"): `day_count`. */
export function groupCountColumn(plan: Plan): string {
  return `${plan.groupBy[0] ?? 'row'}_count`;
}

/** "how many days in May crossed 9 lakh": the groups that pass the threshold, counted into one row. */
function countGroupsSql(
  plan: Plan,
  catalog: Catalog,
  ctes: string[],
  body: string,
  columns: CompiledColumn[],
): string {
  if (plan.groupBy.length !== 1 || plan.compareTo || plan.share || plan.combined)
    throw invalid('Counting groups needs one breakdown, and no comparison or share.');
  const dim = plan.groupBy[0]!;
  const name = groupCountColumn(plan);
  const label = `Number of ${plural(inSentence(catalog.dimensions[dim]?.label ?? dim))}`;
  columns.splice(0, columns.length, { name, role: 'metric', ref: name, label, format: 'count' });
  return `WITH ${ctes.join(', ')}\nSELECT COUNT(*) AS ${quoteIdent(name)} FROM (${body}) AS kept`;
}

/**
 * "the top 5 states combined": the ranked rows summed into one. The names are listed in rank order in the
 * dimension's column, so the answer can say which groups are together; sums are right only for additive metrics.
 */
function combinedSql(
  plan: Plan,
  catalog: Catalog,
  ctes: string[],
  body: string,
  columns: CompiledColumn[],
  definitions: string[],
): string {
  const [dim] = plan.groupBy;
  if (plan.groupBy.length !== 1 || !plan.sort || !plan.limit || plan.compareTo)
    throw invalid('Combining rows needs one breakdown, a ranking and a count, and no comparison.');
  for (const id of plan.metrics)
    if (!catalog.metrics[id]?.additive)
      throw invalid(`${catalog.metrics[id]?.label ?? id} of several groups is not their sum.`);
  const order = quoteIdent(plan.sort.by);
  const dir = plan.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const parts = columns.map((c) =>
    c.name === dim
      ? `string_agg(CAST(${quoteIdent(c.name)} AS VARCHAR), ', ' ORDER BY ${order} ${dir}) AS ${quoteIdent(c.name)}`
      : `SUM(${quoteIdent(c.name)}) AS ${quoteIdent(c.name)}`,
  );
  const col = columns.find((c) => c.name === dim)!;
  Object.assign(col, { format: 'text', label: `${col.label} (together)` });
  definitions.push(
    `Combined = the ${plan.limit} ${plan.sort.direction === 'desc' ? 'highest' : 'lowest'} ${inSentence(catalog.dimensions[dim!]?.label ?? dim!)} values added together.`,
  );
  return `WITH ${[...ctes, `ranked AS (${body})`].join(', ')}\nSELECT ${parts.join(', ')} FROM ranked`;
}

function invalid(message: string): AppError {
  return new AppError('PLAN_INVALID', `I could not turn that into a query: ${message}`);
}

function checkRange(range: TimeRange): void {
  if (!isIsoDate(range.from) || !isIsoDate(range.to))
    throw invalid('The time range is not a valid date range.');
  if (range.from > range.to)
    throw invalid(`The time range starts (${range.from}) after it ends (${range.to}).`);
}

function dimensionDef(catalog: Catalog, id: string): DimensionDef {
  const d = catalog.dimensions[id];
  if (!d) throw invalid(`Unknown dimension "${id}".`);
  return d;
}

function dimensionExpr(catalog: Catalog, id: string, plan: Plan): string {
  const d = dimensionDef(catalog, id);
  if (d.grain) {
    const col = catalog.sources[plan.source]?.dateColumn;
    if (!col) throw invalid(`${plan.source} has no dates to group by ${id}.`);
    return `CAST(date_trunc('${d.grain}', ${quoteIdent(col)}) AS DATE)`;
  }
  const col = d.columns[plan.source];
  if (!col) throw invalid(`The dimension "${id}" is not available on ${plan.source}.`);
  return col;
}

/** The grouped column as people read it: a yes/no dimension with value names groups into those names. */
function groupExpr(catalog: Catalog, id: string, plan: Plan): string {
  const expr = dimensionExpr(catalog, id, plan);
  const values = dimensionDef(catalog, id).values;
  if (!values) return expr;
  return `CASE WHEN ${expr} THEN ${stringLiteral(values.true.label)} WHEN NOT ${expr} THEN ${stringLiteral(values.false.label)} END`;
}

function dimensionColumn(catalog: Catalog, id: string): CompiledColumn {
  const d = dimensionDef(catalog, id);
  return {
    name: id,
    role: 'dimension',
    ref: id,
    label: d.label,
    format: d.grain ? 'date' : d.type === 'boolean' ? 'boolean' : 'text',
    ...(d.grain ? { grain: d.grain } : {}),
  };
}

function filterExpr(catalog: Catalog, plan: Plan, f: Filter): string {
  const d = dimensionDef(catalog, f.dimension);
  const expr = dimensionExpr(catalog, f.dimension, plan);
  const literals = f.values.map((v) => {
    if (d.grain) return dateLiteral(String(v));
    if (d.type === 'boolean') return booleanLiteral(booleanFilterValue(d.values, v));
    if (typeof v === 'number') return numberLiteral(v);
    return stringLiteral(String(v));
  });
  const list = `(${literals.join(', ')})`;
  return f.op === 'in' ? `${expr} IN ${list}` : `(${expr} NOT IN ${list} OR ${expr} IS NULL)`;
}

function orderClause(plan: Plan, catalog: Catalog, columns: CompiledColumn[]): string {
  const names = new Set(columns.map((c) => c.name));
  const dims = columns.filter((c) => c.role === 'dimension');
  const tieBreak = dims.map((c) => `${quoteIdent(c.name)} ASC NULLS LAST`);
  if (plan.sort?.by.endsWith('_delta') && plan.compareTo) {
    // "why the dip?": rows by their contribution to the change (current − previous), not by the ratio, which a tiny
    // line would top. The delta is an ordering only; the rows still carry the previous value and the change.
    const metric = plan.sort.by.slice(0, -'_delta'.length);
    if (!plan.metrics.includes(metric))
      throw invalid(`Cannot sort by "${plan.sort.by}": it is not a result column.`);
    const id = quoteIdent(metric);
    const dir = plan.sort.direction === 'asc' ? 'ASC' : 'DESC';
    return `ORDER BY ${[`COALESCE(cur.${id}, 0) - COALESCE(prev.${id}, 0) ${dir}`, ...tieBreak].join(', ')}`;
  }
  if (plan.sort) {
    if (!names.has(plan.sort.by))
      throw invalid(`Cannot sort by "${plan.sort.by}": it is not a result column.`);
    const dir = plan.sort.direction === 'asc' ? 'ASC' : 'DESC';
    return `ORDER BY ${[`${quoteIdent(plan.sort.by)} ${dir} NULLS LAST`, ...tieBreak].join(', ')}`;
  }
  if (!dims.length) return '';
  // A time series reads left to right; anything else is a ranking by the first metric.
  const dateDims = dims.filter((c) => catalog.dimensions[c.name]?.grain);
  if (dateDims.length) return `ORDER BY ${tieBreak.join(', ')}`;
  const first = plan.metrics[0]!;
  return `ORDER BY ${[`${quoteIdent(first)} DESC NULLS LAST`, ...tieBreak].join(', ')}`;
}
