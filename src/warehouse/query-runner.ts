import {
  DuckDBTypeId,
  StatementType,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResultReader,
} from '@duckdb/node-api';
import { AppError } from '../errors.js';
import { duckdbError } from './duckdb-errors.js';
import type { Cell, QueryResult } from './types.js';

export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
}

/**
 * Results are capped in size as well as rows: one text cell past MAX_CELL_CHARS is cut (a 300 MB `string_agg`
 * would otherwise travel on to Slack and to the LLM narrator), and rows stop once the result passes
 * MAX_RESULT_CHARS. Both are flagged (cellsCut, truncated), never silent.
 */
export const MAX_CELL_CHARS = 4_000;
export const MAX_RESULT_CHARS = 4_000_000;

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
    throw duckdbError(error);
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw timeoutError(limits.timeoutMs);
  return toQueryResult(reader, limits.maxRows, performance.now() - started);
}

/** Prepares one statement and insists it is a SELECT (the guard checked the parse tree; this checks the binder). */
export async function prepareSelect(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await conn.prepare(sql);
  } catch (error) {
    throw duckdbError(error);
  }
  if (prepared.statementType !== StatementType.SELECT) {
    prepared.destroySync();
    throw new AppError('SQL_NOT_READ_ONLY', 'Only one read-only SELECT statement is allowed.', {
      detail: `statement type ${StatementType[prepared.statementType]}`,
    });
  }
  return prepared;
}

export function timeoutError(timeoutMs: number, cause?: unknown): AppError {
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

/** DATE → 'YYYY-MM-DD', DECIMAL/BIGINT/HUGEINT → number, nested values → JSON text; cells and size capped. */
export function toQueryResult(reader: DuckDBResultReader, maxRows: number, elapsedMs: number): QueryResult {
  const typeIds = reader.columnTypes().map((t) => t.typeId);
  const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
  const json = reader.getRowsJson();
  let truncated = json.length > maxRows;
  let cellsCut = 0;
  let size = 0;
  const rows: Cell[][] = [];
  for (const row of json.slice(0, maxRows)) {
    const cells = row.map((value, i): Cell => {
      const cell = toCell(value, typeIds[i]!);
      if (typeof cell !== 'string' || cell.length <= MAX_CELL_CHARS) return cell;
      cellsCut++;
      return `${cell.slice(0, MAX_CELL_CHARS - 1)}…`;
    });
    size += cells.reduce<number>((n, c) => n + (typeof c === 'string' ? c.length : 8), 0);
    if (size > MAX_RESULT_CHARS && rows.length > 0) {
      truncated = true;
      break;
    }
    rows.push(cells);
  }
  return {
    columns,
    rows,
    truncated,
    ...(cellsCut ? { cellsCut } : {}),
    elapsedMs: Math.round(elapsedMs * 10) / 10,
  };
}

function toCell(value: unknown, typeId: DuckDBTypeId): Cell {
  if (value === null || value === undefined) return null;
  if (NUMERIC_TEXT_TYPES.has(typeId)) return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
