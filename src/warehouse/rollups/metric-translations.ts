import { ORDER_COUNT_MEASURE, ROLLUP_MEASURES, type RollupMeasure } from './rollup-definitions.js';

/**
 * A catalog metric's SQL rewritten over a rollup's stored measures, derived from the metric's own SQL so a new or
 * changed metric in data/catalog.yml needs no second copy here: each aggregate over the detail rows is replaced by
 * the re-aggregation of the measure that stores it (`SUM(amount)` → `SUM(amount_sum)`, `COUNT(*) FILTER (WHERE
 * status = 'Cancelled')` → the line counts of the cancelled groups). Anything the rewrite does not fully
 * understand (another aggregate or argument, a distinct count other than orders, a function outside the few
 * arithmetic wrappers, a column outside an aggregate) gives no translation, and the metric reads the detail table:
 * a rollup answer is either the detail answer or not given.
 *
 * Counts are cast back to BIGINT (SUM of counts is HUGEINT in DuckDB) and coalesced to 0 (COUNT over no rows is 0,
 * SUM is NULL), so both paths return the same values with the same types.
 */
export interface MetricTranslation {
  rollupSql: string;
  /** Needs the verified per-group distinct order count (only rollups with orderCount have it). */
  needsOrderCount: boolean;
  /** Detail columns the FILTER clauses read: the rollup must keep each under the same name. */
  filterColumns: string[];
}

/** Words allowed outside the aggregates: arithmetic wrappers that mean the same over either path. */
const WRAPPERS = new Set(['COALESCE', 'NULLIF', 'CAST', 'AS', 'BIGINT', 'DOUBLE']);
/** Words of a FILTER predicate that are not columns. */
const PREDICATE_WORDS = new Set(
  [
    'IS',
    'NOT',
    'DISTINCT',
    'FROM',
    'IN',
    'LIKE',
    'ILIKE',
    'AND',
    'OR',
    'NULL',
    'TRUE',
    'FALSE',
    'BETWEEN',
  ].map((w) => w.toLowerCase()),
);

const memo = new Map<string, MetricTranslation | null>();

/** The rollup form of a metric's SQL, or undefined when it has none (see above). Pure; memoised by the SQL text. */
export function translateMetric(detailSql: string): MetricTranslation | undefined {
  if (!memo.has(detailSql)) memo.set(detailSql, rewrite(detailSql) ?? null);
  return memo.get(detailSql) ?? undefined;
}

interface Aggregate {
  fn: string;
  args: string;
  predicate?: string;
  end: number;
}

function rewrite(sql: string): MetricTranslation | undefined {
  let out = '';
  let needsOrderCount = false;
  const filterColumns = new Set<string>();
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    if (!word) {
      // Outside aggregates only numbers, operators, parentheses and commas: no literal, no column.
      if (!/^[\s\d.+\-*/(),]/.test(rest)) return undefined;
      out += sql[i];
      i++;
      continue;
    }
    const aggregate = /^(COUNT|SUM)$/i.test(word) ? readAggregate(sql, i, word) : undefined;
    if (aggregate) {
      const replaced = replaceAggregate(aggregate);
      if (!replaced) return undefined;
      out += replaced.sql;
      needsOrderCount ||= replaced.measure === ORDER_COUNT_MEASURE;
      for (const column of replaced.columns) filterColumns.add(column);
      i = aggregate.end;
      continue;
    }
    if (!WRAPPERS.has(word.toUpperCase())) return undefined;
    out += word;
    i += word.length;
  }
  return { rollupSql: out, needsOrderCount, filterColumns: [...filterColumns] };
}

/** `COUNT(...)` / `SUM(...)` at `start`, with its `FILTER (WHERE ...)` if one follows. */
function readAggregate(sql: string, start: number, fn: string): Aggregate | undefined {
  const open = skipSpaces(sql, start + fn.length);
  if (sql[open] !== '(') return undefined;
  const close = matchingParen(sql, open);
  if (close < 0) return undefined;
  const aggregate: Aggregate = {
    fn: fn.toUpperCase(),
    args: squash(sql.slice(open + 1, close)),
    end: close + 1,
  };
  const filter = /^\s*FILTER\s*\(\s*WHERE\s+/i.exec(sql.slice(close + 1));
  if (!filter) return aggregate;
  const filterOpen = sql.indexOf('(', close + 1);
  const filterClose = matchingParen(sql, filterOpen);
  if (filterClose < 0) return undefined;
  return {
    ...aggregate,
    predicate: sql.slice(close + 1 + filter[0].length, filterClose).trim(),
    end: filterClose + 1,
  };
}

function replaceAggregate(
  a: Aggregate,
): { sql: string; measure: RollupMeasure; columns: string[] } | undefined {
  const base = `${a.fn}(${a.args})`;
  const whole = a.predicate ? `${base} FILTER (WHERE ${squash(a.predicate)})` : base;
  const measures = [...ROLLUP_MEASURES, ORDER_COUNT_MEASURE];
  // A measure stored with its own filter (units of the lines that have an amount) is re-summed as it is.
  const stored = measures.find((m) => squash(m.detailAggregate) === whole);
  if (stored) return { sql: reaggregate(stored), measure: stored, columns: [] };
  const measure = measures.find((m) => squash(m.detailAggregate) === base);
  if (!measure) return undefined;
  if (!a.predicate) return { sql: reaggregate(measure), measure, columns: [] };
  const columns = predicateColumns(a.predicate);
  if (!columns) return undefined;
  return { sql: reaggregate(measure, a.predicate), measure, columns };
}

/** SUM of the stored measure over the rollup rows (of the groups the predicate keeps); counts typed as counts. */
function reaggregate(measure: RollupMeasure, predicate?: string): string {
  const sum = `SUM(${measure.name})${predicate ? ` FILTER (WHERE ${predicate})` : ''}`;
  return /^COUNT\b/i.test(measure.detailAggregate) ? `CAST(COALESCE(${sum}, 0) AS BIGINT)` : sum;
}

/** The columns a FILTER predicate reads, or undefined when it calls a function (only plain comparisons). */
function predicateColumns(predicate: string): string[] | undefined {
  const withoutLiterals = predicate.replace(/'(?:[^']|'')*'/g, "''");
  const columns = new Set<string>();
  for (const m of withoutLiterals.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const word = m[0].toLowerCase();
    if (PREDICATE_WORDS.has(word)) continue;
    const next = withoutLiterals.slice(m.index + m[0].length).trimStart();
    if (next.startsWith('(')) return undefined;
    columns.add(m[0]);
  }
  return [...columns];
}

function skipSpaces(sql: string, i: number): number {
  while (i < sql.length && /\s/.test(sql[i]!)) i++;
  return i;
}

/** The index of the parenthesis closing the one at `open`, skipping string literals; -1 when unbalanced. */
function matchingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") {
      i = sql.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
