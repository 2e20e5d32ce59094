import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../errors.js';
import { ident } from '../csv/sql.js';

/**
 * Replaces an (empty) clean table created by CLEAN_TABLE_DDL with a view over `from` that selects exactly the
 * clean columns, cast to the clean types. Extra columns in the source (hive partition keys year/month) are
 * dropped; a missing column fails the build with a message naming it. The app sees the same tables whatever the
 * source.
 */
export async function replaceWithView(conn: DuckDBConnection, table: string, from: string): Promise<void> {
  const columns = await conn.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  const wanted = columns.getRowsJS().map((r) => [String(r[0]), String(r[1])] as const);
  const probe = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
  const present = new Set(probe.getRowsJS().map((r) => String(r[0])));
  const missing = wanted.filter(([name]) => !present.has(name)).map(([name]) => name);
  if (missing.length)
    throw new AppError(
      'DATA_LOAD_FAILED',
      `The ${table} data has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: it must have the clean schema (retail-insights data convert writes it).`,
    );
  const select = wanted.map(([name, type]) => `CAST(${ident(name)} AS ${type}) AS ${ident(name)}`).join(', ');
  await conn.run(`DROP TABLE ${ident(table)}`);
  await conn.run(`CREATE VIEW ${ident(table)} AS SELECT ${select} FROM ${from}`);
}

export async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${ident(table)}`);
  return Number(reader.getRowsJS()[0]![0]);
}
