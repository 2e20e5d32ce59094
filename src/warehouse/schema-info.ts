import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from './csv/sql.js';
import { TABLE_DOCS } from './tables.js';
import type { SchemaInfo, TableInfo } from './types.js';

/**
 * Reads the clean tables' columns and types from DuckDB's catalog, joined with their documentation, plus row
 * counts and date coverage. Computed once at open time (the database is read-only), so schema() is cheap.
 */
export async function readSchemaInfo(conn: DuckDBConnection): Promise<SchemaInfo> {
  const catalog = await conn.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, { name: string; type: string }[]>();
  for (const [table, column, type] of catalog.getRowsJS()) {
    const list = byTable.get(String(table)) ?? [];
    list.push({ name: String(column), type: String(type) });
    byTable.set(String(table), list);
  }
  const documented = new Set(TABLE_DOCS.map((d) => d.name));
  const names = [...TABLE_DOCS.map((d) => d.name), ...[...byTable.keys()].filter((n) => !documented.has(n))];
  const present = names.filter((name) => byTable.has(name));
  const stats = await readTableStats(conn, present);
  const tables: TableInfo[] = [];
  present.forEach((name, i) => {
    const columns = byTable.get(name)!;
    const doc = TABLE_DOCS.find((d) => d.name === name);
    const dateColumn = doc?.dateColumn;
    const row = stats[i]!;
    const info: TableInfo = {
      name,
      description: doc?.description ?? '(undocumented)',
      rowCount: Number(row[0]),
      columns: columns.map((c) => ({
        name: c.name,
        type: c.type,
        description: doc?.columns[c.name] ?? '(undocumented)',
      })),
    };
    if (dateColumn && row[1] != null && row[2] != null)
      info.dateRange = { column: dateColumn, from: String(row[1]), to: String(row[2]) };
    tables.push(info);
  });
  return { tables };
}

/**
 * Each table's row count and, where it has a date column, its first and last date, in `names` order: one query
 * (UNION ALL) instead of one per table, so DuckDB scans the tables side by side, which counts at start-up when
 * the tables are views over Parquet files.
 */
async function readTableStats(conn: DuckDBConnection, names: string[]): Promise<unknown[][]> {
  if (names.length === 0) return [];
  const parts = names.map((name, i) => {
    const dateColumn = TABLE_DOCS.find((d) => d.name === name)?.dateColumn;
    const range = dateColumn
      ? `MIN(${ident(dateColumn)})::VARCHAR, MAX(${ident(dateColumn)})::VARCHAR`
      : 'NULL::VARCHAR, NULL::VARCHAR';
    return `SELECT ${i} AS i, COUNT(*), ${range} FROM ${ident(name)}`;
  });
  const reader = await conn.runAndReadAll(parts.join('\nUNION ALL\n'));
  const rows: unknown[][] = [];
  for (const [i, ...stats] of reader.getRowsJS()) rows[Number(i)] = stats;
  return rows;
}
