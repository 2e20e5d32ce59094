import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './csv/sql.js';
import type { LoadReport } from './types.js';

/**
 * The load report lives in the database it describes (schema `meta`), so a start from the cache can still
 * say what was read, loaded and rejected. The `meta` schema is hidden from schema().
 */
export const META_SCHEMA = 'meta';

export async function writeLoadReport(conn: DuckDBConnection, report: LoadReport): Promise<void> {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA};
    CREATE OR REPLACE TABLE ${META_SCHEMA}.load_report (report_json VARCHAR);
    INSERT INTO ${META_SCHEMA}.load_report VALUES (${sqlString(JSON.stringify(report))});`);
}

export async function readLoadReport(conn: DuckDBConnection): Promise<LoadReport | null> {
  try {
    const reader = await conn.runAndReadAll(`SELECT report_json FROM ${META_SCHEMA}.load_report LIMIT 1`);
    const row = reader.getRowsJS()[0];
    return row ? (JSON.parse(String(row[0])) as LoadReport) : null;
  } catch {
    return null;
  }
}
