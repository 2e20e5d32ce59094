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
  const [files] = await listSourceFilesOf(conn, [pattern]);
  return files!;
}

/**
 * listSourceFiles for several globs at once, in their order: one query lists them all and one reads every
 * file's size and time, instead of two per glob (each query is a round trip to DuckDB's threads, and a Parquet
 * source lists up to seven globs at every start).
 */
export async function listSourceFilesOf(
  conn: DuckDBConnection,
  patterns: readonly string[],
): Promise<SourceFile[][]> {
  if (patterns.length === 0) return [];
  const globs = await conn.runAndReadAll(
    patterns.map((p, i) => `SELECT ${i} AS pattern, file FROM glob(${sqlString(p)})`).join(' UNION ALL ') +
      ' ORDER BY pattern, file',
  );
  const names: string[][] = patterns.map(() => []);
  for (const [i, file] of globs.getRowsJS()) names[Number(i)]!.push(String(file));
  const listed = names.flatMap((list, i) => (list.length ? [i] : []));
  const out: SourceFile[][] = patterns.map(() => []);
  if (listed.length === 0) return out;
  const meta = await conn.runAndReadAll(
    listed
      .map(
        (i) =>
          `SELECT ${i} AS pattern, filename, size, CAST(last_modified AS VARCHAR) FROM read_blob([${names[i]!.map(sqlString).join(', ')}])`,
      )
      .join(' UNION ALL ') + ' ORDER BY pattern, filename',
  );
  for (const [i, file, bytes, modified] of meta.getRowsJS())
    out[Number(i)]!.push({ file: String(file), bytes: Number(bytes), modified: String(modified) });
  return out;
}
