import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../csv/sql.js';

export interface SourceFile {
  file: string;
  bytes: number;
  modified: string;
}

/**
 * Files matching a glob with their size and modification time, through DuckDB's file systems (local disk, S3,
 * GCS, HTTP alike), so the fingerprint of a remote source needs no code of its own. read_blob reads no content
 * when the content column is not selected.
 */
export async function listSourceFiles(conn: DuckDBConnection, pattern: string): Promise<SourceFile[]> {
  const files = await conn.runAndReadAll(`SELECT file FROM glob(${sqlString(pattern)}) ORDER BY file`);
  const names = files.getRowsJS().map((r) => String(r[0]));
  if (!names.length) return [];
  const meta = await conn.runAndReadAll(
    `SELECT filename, size, CAST(last_modified AS VARCHAR) FROM read_blob([${names.map(sqlString).join(', ')}]) ORDER BY filename`,
  );
  return meta.getRowsJS().map((r) => ({ file: String(r[0]), bytes: Number(r[1]), modified: String(r[2]) }));
}
