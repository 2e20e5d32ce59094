import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { duckdbError } from './duckdb-errors.js';
import type { IsolatedQueryRunner } from './isolated/isolated-query-runner.js';
import { prepareSelect, runPrepared, type RunLimits } from './query-runner.js';
import { checkGuardedSql, type GuardScope } from './sql-guard.js';
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
  /**
   * Where guarded SQL runs: a worker process that is killed on timeout or past its memory cap. Without one
   * (tests of the guard alone) it runs on the pool, bounded only by interrupt() and memory_limit.
   */
  guardedRunner?: IsolatedQueryRunner;
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
  private readonly guardedRunner: IsolatedQueryRunner | undefined;
  private readonly scope: GuardScope;
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
    this.guardedRunner = options.guardedRunner;
    this.scope = {
      relations: new Set(options.schema.tables.map((t) => t.name)),
      columns: new Set(options.schema.tables.flatMap((t) => t.columns.map((c) => c.name))),
    };
  }

  schema(): SchemaInfo {
    return this.schemaInfo;
  }

  async queryGuarded(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const limits = this.limits(options);
    // Parsing only, on the pool; the query itself runs where it can be killed.
    await this.withConnection((conn) => checkGuardedSql(conn, sql, this.scope));
    if (this.guardedRunner) return this.logged(() => this.guardedRunner!.run(sql, limits));
    return this.withConnection(async (conn) => {
      const prepared = await prepareSelect(conn, sql);
      try {
        return await runPrepared(conn, prepared, limits);
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
        throw duckdbError(error);
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
    await this.guardedRunner?.close();
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
    try {
      return await this.logged(() => fn(conn));
    } finally {
      this.release(conn);
    }
  }

  private async logged<T>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      this.logger.debug(
        { err: error, ms: Math.round(performance.now() - started) },
        'query refused or failed',
      );
      throw error;
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
