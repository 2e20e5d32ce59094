import {
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResultReader,
} from '@duckdb/node-api';
import { AppError } from '../errors.js';
import type { Cell, QueryResult } from './types.js';

export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
}

/**
 * Runs a prepared SELECT with a timeout and a row cap. The timeout interrupts the connection (DuckDB stops the
 * query at its next check); the connection stays usable afterwards. The result is streamed and only
 * `maxRows + 1` rows are read, so a huge result never materialises in memory.
 */
export async function runPrepared(
  conn: DuckDBConnection,
  prepared: DuckDBPreparedStatement,
  limits: RunLimits,
): Promise<QueryResult> {
  const started = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    conn.interrupt();
  }, limits.timeoutMs);
  let reader: DuckDBResultReader;
  try {
    reader = await prepared.streamAndReadUntil(limits.maxRows + 1);
  } catch (error) {
    if (timedOut) throw timeoutError(limits.timeoutMs, error);
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    if (/^Permission Error/i.test(message))
      throw new AppError(
        'SQL_FORBIDDEN',
        'The query tries to read files or settings, which is not allowed.',
        {
          cause: error,
        },
      );
    throw new AppError('QUERY_FAILED', `The query failed: ${message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw timeoutError(limits.timeoutMs);
  return toQueryResult(reader, limits.maxRows, performance.now() - started);
}

function timeoutError(timeoutMs: number, cause?: unknown): AppError {
  const seconds = timeoutMs % 1000 === 0 ? String(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(1);
  return new AppError('QUERY_TIMEOUT', `The query timed out after ${seconds} s.`, { cause });
}

const NUMERIC_TEXT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/** DATE → 'YYYY-MM-DD', DECIMAL/BIGINT/HUGEINT → number, nested values → JSON text. */
export function toQueryResult(reader: DuckDBResultReader, maxRows: number, elapsedMs: number): QueryResult {
  const typeIds = reader.columnTypes().map((t) => t.typeId);
  const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
  const json = reader.getRowsJson();
  const truncated = json.length > maxRows;
  const rows: Cell[][] = json.slice(0, maxRows).map((row) =>
    row.map((value, i): Cell => {
      if (value === null || value === undefined) return null;
      const typeId = typeIds[i]!;
      if (NUMERIC_TEXT_TYPES.has(typeId)) return Number(value);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return JSON.stringify(value);
    }),
  );
  return { columns, rows, truncated, elapsedMs: Math.round(elapsedMs * 10) / 10 };
}
