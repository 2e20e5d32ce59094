/**
 * The contract of the data layer. Everything above it (planner, graph, charts, Slack) sees only these types.
 *
 * The clean tables (stable snake_case: amazon_sales, international_sales, inventory, price_list and the view
 * price_list_by_marketplace) are declared, column by column with their types and meaning, in one definition per
 * source: src/warehouse/sources/<name>.ts, listed in source-definitions.ts.
 */
import type { SourceName } from './sources/source-definitions.js';

/** A result cell as the rest of the app sees it: DATE → 'YYYY-MM-DD', DECIMAL/BIGINT → number. */
export type Cell = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  /** DuckDB type name, e.g. VARCHAR, DATE, DOUBLE, DECIMAL(18,2), BIGINT. */
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Cell[][];
  /** True when the row cap (or the result size cap) cut the result. */
  truncated: boolean;
  /** Text cells cut to the cell size cap (src/warehouse/query-runner.ts), when any were. */
  cellsCut?: number;
  elapsedMs: number;
}

export interface ColumnInfo {
  name: string;
  type: string;
  description: string;
}

export interface TableInfo {
  name: string;
  description: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** Date coverage for tables with a date column. */
  dateRange?: { column: string; from: string; to: string };
}

export interface SchemaInfo {
  tables: TableInfo[];
}

export interface RejectedRows {
  reason: string;
  count: number;
  /** Up to a few source row numbers, for finding them in the file. */
  exampleRows: number[];
}

export interface FileLoadReport {
  file: string;
  /** What the header said this file is, or null when it was not recognised. */
  recognisedAs: SourceName | null;
  table: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rejected: RejectedRows[];
  notes: string[];
  /** Clean columns this file has no column for: NULL in the table, and questions that need them are told so. */
  missingColumns?: string[];
  /** Set when the file was recognised but could not be loaded: why, in words a user can act on. */
  failed?: string;
  /** The file's last line is shorter than its header and has no line break: the file was cut off mid-line. */
  endsMidLine?: boolean;
}

/**
 * How the app uses the load it serves. `degraded`: the load failed its checks and DATA_LOAD_POLICY=warn uses it
 * anyway, with a caveat on every answer. `last_good`: the current files failed their checks (or could not be
 * loaded) and DATA_LOAD_POLICY=strict keeps serving the last load that passed.
 */
export type LoadStatus =
  | { kind: 'current' }
  | { kind: 'degraded'; problems: string[] }
  | { kind: 'last_good'; problems: string[]; lastGoodAt: string };

export interface LoadReport {
  dataDir: string;
  files: FileLoadReport[];
  unrecognisedFiles: string[];
  /** True when a persisted database was reused instead of reloading the CSVs. */
  fromCache: boolean;
  elapsedMs: number;
  /** What the load checks found wrong with this load (stored with it); absent or empty: it passed. */
  problems?: string[];
  /** Set by openWarehouse: whether this is the current load, a degraded one, or the last good one. */
  status?: LoadStatus;
}

export interface QueryOptions {
  /** Defaults to the configured QUERY_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Defaults to the configured QUERY_ROW_LIMIT. */
  maxRows?: number;
}

export interface Warehouse {
  /**
   * Runs SQL that did not come from our own code (an LLM, a user's `sql` command) through the guard:
   * one read-only statement, locked-down read-only database, timeout, row cap. Throws AppError.
   */
  queryGuarded(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Runs SQL our own compiler produced from a validated Plan. Same read-only locked-down connection,
   * timeout and row cap; skips only the single-statement parse (the compiler makes one SELECT).
   */
  queryTrusted(sql: string, options?: QueryOptions): Promise<QueryResult>;
  schema(): SchemaInfo;
  /** Changes whenever the loaded data changes (source files' size+mtime+content hash). Part of cache keys. */
  readonly fingerprint: string;
  readonly loadReport: LoadReport;
  /**
   * Pre-aggregated tables present in this database (scale issue, src/warehouse/rollups); hidden from schema().
   * Empty or absent: every plan reads the detail tables.
   */
  readonly rollupTables?: readonly string[];
  close(): Promise<void>;
}
