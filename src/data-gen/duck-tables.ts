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

/**
 * A weighted choice as a lookup table: each row owns a run of `slots` integer slots in proportion to its weight
 * (largest-remainder rounding), so a draw is an equi-join on `hash(...) % slots` (table_slots) and then on
 * choice_id (table) instead of a range search.
 */
export async function createChoiceTable(
  conn: DuckDBConnection,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly (readonly Value[])[],
  weights: readonly number[],
  slots: number,
): Promise<void> {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * slots);
  const counts = exact.map(Math.floor);
  let left = slots - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]! += 1;
  const bounded: Value[][] = [];
  let lo = 0;
  rows.forEach((row, i) => {
    const n = counts[i]!;
    if (n > 0) bounded.push([i, ...row, lo, lo + n]);
    lo += n;
  });
  // Attributes live in `table` (one row per choice, keyed by choice_id); `table_slots` maps slot → choice_id.
  // Keeping the slot table narrow matters: a 262,144-slot hash join with string payloads was the slow part.
  await createTableFromRows(
    conn,
    table,
    [['choice_id', 'INTEGER'], ...columns, ['slot_lo', 'BIGINT'], ['slot_hi', 'BIGINT']],
    bounded,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE ${table}_slots AS
     SELECT CAST(unnest(range(slot_lo, slot_hi)) AS BIGINT) AS slot, choice_id FROM ${table}`,
  );
}
