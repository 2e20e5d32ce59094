import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadReport } from '../types.js';

/**
 * Where the clean tables come from. openWarehouse() fingerprints the source, builds a database file from it
 * when the cache has none for that fingerprint, and serves queries from the file, read-only and locked down.
 * Today: a directory of raw CSVs. Later (scale issue): Parquet globs or an existing DuckDB file, which create the
 * same tables/views (reads then permitted through DuckDB's allowed_directories).
 */
export interface WarehouseSource {
  description: string;
  /** Changes whenever the source data changes. */
  fingerprint(): Promise<string>;
  /** Writes the clean tables, views and the load report (meta.load_report) into a new database file. */
  build(dbPath: string): Promise<LoadReport>;
  /**
   * Optional (Parquet and DuckDB-file sources): run on a connection of every instance that opens the built
   * database, before it is used: attach the source database, load httpfs for remote data, and on the query side
   * (before enable_external_access=false and lock_configuration) set the directories reads are allowed from.
   */
  prepare?(conn: DuckDBConnection, side: 'build' | 'query'): Promise<void>;
}
