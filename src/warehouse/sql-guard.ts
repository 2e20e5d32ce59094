import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { AppError } from '../errors.js';

export const ONLY_ONE_SELECT = 'Only one read-only SELECT statement is allowed.';

/**
 * Functions that read files, URLs, the environment or run SQL from a string. The locked-down database already
 * refuses them (enable_external_access=false); refusing them here too gives a clear message and a second wall.
 */
export const FORBIDDEN_FUNCTIONS = new Set([
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'parquet_bloom_probe',
  'read_json',
  'read_json_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_ndjson_objects',
  'read_text',
  'read_blob',
  'read_xlsx',
  'read_duckdb',
  'glob',
  'getenv',
  'query',
  'query_table',
  'iceberg_scan',
  'iceberg_metadata',
  'iceberg_snapshots',
  'delta_scan',
  'sqlite_scan',
  'sqlite_attach',
  'postgres_scan',
  'postgres_attach',
  'postgres_query',
  'mysql_scan',
  'mysql_query',
  'st_read',
  'load_aws_credentials',
  'duckdb_secrets',
  'which_secret',
  'checkpoint',
  'force_checkpoint',
  'install_extension',
  'load_extension',
]);

/**
 * Decides with DuckDB's own parser whether `sql` is exactly one read-only SELECT (or WITH … SELECT) that touches
 * no forbidden function, and returns it prepared. Throws a coded AppError otherwise.
 */
export async function guardSql(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  if (!sql.trim()) throw new AppError('SQL_INVALID', 'The query is empty. ' + ONLY_ONE_SELECT);
  let extracted;
  try {
    extracted = await conn.extractStatements(sql);
  } catch (error) {
    throw new AppError('SQL_INVALID', `The query could not be parsed: ${firstLine(error)}`, { cause: error });
  }
  if (extracted.count === 0) throw new AppError('SQL_INVALID', 'The query is empty. ' + ONLY_ONE_SELECT);
  if (extracted.count > 1)
    throw new AppError('SQL_MULTIPLE_STATEMENTS', ONLY_ONE_SELECT, {
      detail: `${extracted.count} statements`,
    });

  // The parse tree (DuckDB serialises only SELECT statements; anything else is refused here).
  const tree = await serialisedTree(conn, sql);
  if (!tree) throw new AppError('SQL_NOT_READ_ONLY', ONLY_ONE_SELECT);
  const forbidden = findForbidden(tree);
  if (forbidden)
    throw new AppError(
      'SQL_FORBIDDEN',
      `The query uses ${forbidden}, which is not allowed: queries may read only the warehouse tables.`,
    );

  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await extracted.prepare(0);
  } catch (error) {
    const message = firstLine(error);
    if (/^Permission Error/i.test(message))
      throw new AppError(
        'SQL_FORBIDDEN',
        'The query tries to read files or settings, which is not allowed.',
        {
          cause: error,
        },
      );
    throw new AppError('SQL_INVALID', `The query is not valid: ${message}`, { cause: error });
  }
  if (prepared.statementType !== StatementType.SELECT) {
    prepared.destroySync();
    throw new AppError('SQL_NOT_READ_ONLY', ONLY_ONE_SELECT, {
      detail: `statement type ${StatementType[prepared.statementType]}`,
    });
  }
  return prepared;
}

async function serialisedTree(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const json = JSON.parse(String(reader.getRowsJS()[0]![0])) as { error?: boolean; statements?: unknown[] };
  if (json.error || !Array.isArray(json.statements) || json.statements.length !== 1) return null;
  return json.statements[0];
}

/** Walks the parse tree for function calls (scalar and table) and table names that are file paths. */
export function findForbidden(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findForbidden(item);
      if (found) return found;
    }
    return null;
  }
  if (node === null || typeof node !== 'object') return null;
  const record = node as Record<string, unknown>;
  if (typeof record.function_name === 'string') {
    const name = record.function_name.toLowerCase();
    if (FORBIDDEN_FUNCTIONS.has(name)) return `${name}()`;
  }
  // `FROM '/etc/passwd'` is a replacement scan: a table "name" that is really a path or URL.
  if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') {
    if (/[/\\:.]/.test(record.table_name)) return `the file "${record.table_name}"`;
  }
  for (const value of Object.values(record)) {
    const found = findForbidden(value);
    if (found) return found;
  }
  return null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
