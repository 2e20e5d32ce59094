import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'BOOLEAN';
export type Value = string | number | boolean | null;

/** Creates `table` and fills it through the appender (no SQL text built from values). */
export async function createTableFromRows(
  conn: DuckDBConnection,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly (readonly Value[])[],
): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${table} (${columns.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
  const appender = await conn.createAppender(table);
  for (const row of rows) {
    columns.forEach(([, type], i) => append(appender, type, row[i] ?? null));
    appender.endRow();
  }
  appender.closeSync();
}

function append(appender: DuckDBAppender, type: ColumnType, value: Value): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'VARCHAR':
      return appender.appendVarchar(String(value));
    case 'DOUBLE':
      return appender.appendDouble(Number(value));
    case 'INTEGER':
      return appender.appendInteger(Number(value));
    case 'BIGINT':
      return appender.appendBigInt(BigInt(value as number));
    case 'BOOLEAN':
      return appender.appendBoolean(Boolean(value));
  }
}

/** Alias thresholds are integers out of ALIAS_SCALE (2^20): draws are exact to about one in a million. */
export const ALIAS_SCALE = 1_048_576;

/**
 * Walker/Vose alias table for `weights`: draw a bucket b uniformly, then keep b when a uniform r in
 * [0, ALIAS_SCALE) is below threshold[b], else take alias[b]. Exact for any weights (no slot rounding), O(1) per
 * draw, and deterministic (no randomness in the construction). Zero weights are never drawn.
 */
export function aliasTable(weights: readonly number[]): { threshold: number[]; alias: number[] } {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  if (n === 0 || !(total > 0)) throw new Error('aliasTable needs at least one positive weight');
  const prob = weights.map((w) => (w * n) / total);
  const threshold = new Array<number>(n).fill(ALIAS_SCALE);
  const alias = Array.from({ length: n }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  prob.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    threshold[s] = Math.round(prob[s]! * ALIAS_SCALE);
    alias[s] = l;
    prob[l] = prob[l]! + prob[s]! - 1;
    (prob[l]! < 1 ? small : large).push(l);
  }
  // Leftovers (floating-point residue) keep their own bucket: threshold stays ALIAS_SCALE, alias = self.
  return { threshold, alias };
}

/**
 * A weighted choice as a one-row table of LISTs: `thr` and `alias` (the alias table) and one list per attribute,
 * all indexed by choice id (1-based in SQL). The generator cross-joins these one-row tables, so a draw is two list
 * lookups and each attribute one more: no hash join and no per-vector copy of a constant list (a LIST literal in
 * the query text is re-materialised for every vector, which made it 10× slower than this).
 * `columns` may carry a SQL cast applied when the lists are built (e.g. VARCHAR → DATE). VARCHAR columns without
 * one become ENUM lists (a type `<table>_<column>`): a draw then carries a 1-2 byte code instead of a string through
 * the query, and DuckDB writes ENUM columns to CSV and Parquet as plain strings (Parquet reads them back as
 * VARCHAR), dictionary-encoded without hashing each value.
 */
export async function createChoiceLists(
  conn: DuckDBConnection,
  table: string,
  columns: readonly (readonly [string, ColumnType] | readonly [string, ColumnType, string])[],
  rows: readonly (readonly Value[])[],
  weights: readonly number[],
): Promise<void> {
  const { threshold, alias } = aliasTable(weights);
  const long = `${table}_rows`;
  await createTableFromRows(
    conn,
    long,
    [
      ['choice_id', 'INTEGER'],
      ['thr', 'INTEGER'],
      ['alias', 'INTEGER'],
      ...columns.map(([n, t]) => [n, t] as const),
    ],
    rows.map((row, i) => [i, threshold[i]!, alias[i]!, ...row]),
  );
  const lists: [string, string | undefined][] = [
    ['thr', undefined],
    ['alias', 'BIGINT'],
  ];
  for (const [c, [n, type, cast]] of columns.entries()) {
    if (type !== 'VARCHAR' || cast !== undefined) {
      lists.push([n, cast]);
      continue;
    }
    const values = [...new Set(rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined))];
    const enumType = `${table}_${n}`;
    await conn.run(
      `CREATE TYPE ${enumType} AS ENUM (${values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ')})`,
    );
    lists.push([n, enumType]);
  }
  await conn.run(
    `CREATE OR REPLACE TABLE ${table} AS SELECT ${lists
      .map(([n, cast]) => `list(${cast ? `CAST("${n}" AS ${cast})` : `"${n}"`} ORDER BY choice_id) AS "${n}"`)
      .join(', ')}, count(*) AS n FROM ${long}`,
  );
  await conn.run(`DROP TABLE ${long}`);
}
