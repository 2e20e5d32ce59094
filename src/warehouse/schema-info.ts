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
  const tables: TableInfo[] = [];
  const documented = new Set(TABLE_DOCS.map((d) => d.name));
  const names = [...TABLE_DOCS.map((d) => d.name), ...[...byTable.keys()].filter((n) => !documented.has(n))];
  for (const name of names) {
    const columns = byTable.get(name);
    if (!columns) continue;
    const doc = TABLE_DOCS.find((d) => d.name === name);
    const dateColumn = doc?.dateColumn;
    const stats = await conn.runAndReadAll(
      dateColumn
        ? `SELECT COUNT(*), MIN(${ident(dateColumn)})::VARCHAR, MAX(${ident(dateColumn)})::VARCHAR FROM ${ident(name)}`
        : `SELECT COUNT(*) FROM ${ident(name)}`,
    );
    const row = stats.getRowsJS()[0]!;
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
  }
  return { tables };
}
