import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { runPrepared, type RunLimits } from './query-runner.js';
import { guardSql } from './sql-guard.js';
import type { LoadReport, QueryOptions, QueryResult, SchemaInfo, Warehouse } from './types.js';

export interface DuckDbWarehouseOptions {
  instance: DuckDBInstance;
  fingerprint: string;
  loadReport: LoadReport;
  schema: SchemaInfo;
  defaults: RunLimits;
  /** Concurrent queries (one DuckDB connection each). */
  poolSize: number;
  logger: Logger;
  /** Rollup tables present in the database (src/warehouse/rollups). */
  rollupTables?: readonly string[];
}

/**
 * The Warehouse over a locked-down, read-only DuckDB instance. A small connection pool lets several questions
 * run at once; each query holds one connection, so interrupt() on timeout stops only that query.
 */
export class DuckDbWarehouse implements Warehouse {
  readonly fingerprint: string;
  readonly loadReport: LoadReport;
  readonly rollupTables: readonly string[];
  private readonly instance: DuckDBInstance;
  private readonly schemaInfo: SchemaInfo;
  private readonly defaults: RunLimits;
  private readonly poolSize: number;
  private readonly logger: Logger;
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: ((conn: DuckDBConnection) => void)[] = [];
  private created = 0;
  private closed = false;

  constructor(options: DuckDbWarehouseOptions) {
    this.instance = options.instance;
    this.fingerprint = options.fingerprint;
    this.loadReport = options.loadReport;
    this.rollupTables = options.rollupTables ?? [];
    this.schemaInfo = options.schema;
    this.defaults = options.defaults;
    this.poolSize = Math.max(1, options.poolSize);
    this.logger = options.logger;
  }

  schema(): SchemaInfo {
    return this.schemaInfo;
  }

  async queryGuarded(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.withConnection(async (conn) => {
      const prepared = await guardSql(conn, sql);
      try {
        return await runPrepared(conn, prepared, this.limits(options));
      } finally {
        prepared.destroySync();
      }
    });
  }

  async queryTrusted(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.withConnection(async (conn) => {
      let prepared;
      try {
        prepared = await conn.prepare(sql);
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new AppError('QUERY_FAILED', `The query failed: ${message}`, { cause: error });
      }
      try {
        return await runPrepared(conn, prepared, this.limits(options));
      } finally {
        prepared.destroySync();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.idle.splice(0)) conn.closeSync();
    this.instance.closeSync();
  }

  private limits(options: QueryOptions): RunLimits {
    return {
      timeoutMs: options.timeoutMs ?? this.defaults.timeoutMs,
      maxRows: options.maxRows ?? this.defaults.maxRows,
    };
  }

  private async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('INTERNAL', 'The warehouse is closed.');
    const conn = await this.acquire();
    const started = performance.now();
    try {
      return await fn(conn);
    } catch (error) {
      this.logger.debug(
        { err: error, ms: Math.round(performance.now() - started) },
        'query refused or failed',
      );
      throw error;
    } finally {
      this.release(conn);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    const conn = this.idle.pop();
    if (conn) return conn;
    if (this.created < this.poolSize) {
      this.created++;
      return this.instance.connect();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(conn: DuckDBConnection): void {
    if (this.closed) {
      conn.closeSync();
      return;
    }
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }
}
