import type { DuckDBConnection } from '@duckdb/node-api';
import type { RejectedRows } from '../types.js';
import { ident } from './sql.js';
import { timePhase } from '../load-phases.js';

/**
 * A staged table holds every row read, its clean columns, `source_row` and `reject_reason` (NULL = keep).
 * It was created in file order and DuckDB preserves insertion order, so no ORDER BY is needed (sorting the wide
 * rows cost seconds). This inserts the kept rows into the clean table and counts the rest by reason, so no row is dropped silently.
 */
export async function insertStaged(
  conn: DuckDBConnection,
  stagedTable: string,
  cleanTable: string,
  cleanColumns: string[],
  /** Columns computed at insert time from the staged row `s` (e.g. a lookup), and the joins they need. */
  computed: { exprs: Record<string, string>; joins: string } = { exprs: {}, joins: '' },
): Promise<{ rowsStaged: number; rowsLoaded: number; rejected: RejectedRows[] }> {
  const cols = cleanColumns.map(ident).join(', ');
  const values = cleanColumns.map((c) => computed.exprs[c] ?? `s.${ident(c)}`).join(', ');
  await timePhase(`  insert ${cleanTable}`, () =>
    conn.run(
      `INSERT INTO ${ident(cleanTable)} (${cols}) SELECT ${values} FROM ${ident(stagedTable)} s ${computed.joins}
      WHERE s.reject_reason IS NULL`,
    ),
  );
  const counts = await conn.runAndReadAll(
    `SELECT COUNT(*), COUNT(*) FILTER (WHERE reject_reason IS NULL) FROM ${ident(stagedTable)}`,
  );
  const [staged, loaded] = counts.getRowsJS()[0]!;
  const reasons = await conn.runAndReadAll(
    `SELECT reject_reason, COUNT(*), LIST(source_row ORDER BY source_row)[1:5]
       FROM ${ident(stagedTable)} WHERE reject_reason IS NOT NULL
      GROUP BY reject_reason ORDER BY MIN(source_row)`,
  );
  const rejected: RejectedRows[] = reasons.getRowsJS().map((row) => ({
    reason: String(row[0]),
    count: Number(row[1]),
    exampleRows: (row[2] as (number | null)[]).filter((n): n is number => n !== null).map(Number),
  }));
  return { rowsStaged: Number(staged), rowsLoaded: Number(loaded), rejected };
}

/** Runs a single-value count query (for load notes). */
export async function countWhere(conn: DuckDBConnection, table: string, condition: string): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${ident(table)} WHERE ${condition}`);
  return Number(reader.getRowsJS()[0]![0]);
}
