/**
 * The contract of the data layer. Everything above it (planner, graph, charts, Slack) sees only these types.
 *
 * Clean tables (stable snake_case; see src/warehouse/tables.ts for the per-column documentation):
 *   amazon_sales         one row per Amazon.in order line (Amazon Sale Report.csv)
 *     source_row INTEGER, order_id VARCHAR, order_date DATE, status VARCHAR, fulfilment VARCHAR,
 *     sales_channel VARCHAR, ship_service_level VARCHAR, style VARCHAR, sku VARCHAR, category VARCHAR,
 *     size VARCHAR, asin VARCHAR, courier_status VARCHAR, qty INTEGER, currency VARCHAR,
 *     amount DECIMAL(18,2) (NULL when blank), ship_city VARCHAR, ship_state VARCHAR (canonical name),
 *     ship_postal_code VARCHAR, ship_country VARCHAR, promotion_ids VARCHAR, is_b2b BOOLEAN,
 *     fulfilled_by VARCHAR, ship_city_raw VARCHAR (the city as written; ship_city is canonical)
 *   international_sales  wholesale/international sales (International sale Report.csv, first section)
 *     source_row INTEGER, sale_date DATE, month DATE, customer VARCHAR, style VARCHAR, sku VARCHAR,
 *     size VARCHAR, pcs INTEGER, rate DECIMAL(18,2), gross_amount DECIMAL(18,2)
 *   inventory            stock per SKU (Sale Report.csv)
 *     source_row INTEGER, sku VARCHAR, design_no VARCHAR, stock INTEGER, category VARCHAR, size VARCHAR, color VARCHAR
 *   price_list           one row per SKU per price file (P  L March 2021.csv, May-2022.csv)
 *     source_row INTEGER, valid_month DATE, sku VARCHAR, style_id VARCHAR, catalog VARCHAR, category VARCHAR,
 *     weight_kg DOUBLE, transfer_price DECIMAL(18,2) (TP, or TP 1 in the March 2021 file),
 *     transfer_price_2 DECIMAL(18,2) (TP 2, March 2021 file only), mrp_old DECIMAL(18,2), final_mrp_old DECIMAL(18,2),
 *     ajio_mrp, amazon_mrp, amazon_fba_mrp, flipkart_mrp, limeroad_mrp, myntra_mrp, paytm_mrp, snapdeal_mrp DECIMAL(18,2)
 *   price_list_by_marketplace (view)  valid_month DATE, sku VARCHAR, style_id VARCHAR, category VARCHAR,
 *     marketplace VARCHAR, mrp DECIMAL(18,2)
 */

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
  recognisedAs: 'amazon_sales' | 'international_sales' | 'inventory' | 'price_list' | null;
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
