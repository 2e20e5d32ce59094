import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError, isAppError } from '../../errors.js';
import { CLEAN_TABLE_DDL, PARTITIONED_SOURCE, SINGLE_FILE_SOURCES } from './source-definitions.js';
import type { BuildSettings } from '../csv/build-from-csv.js';
import { sqlString } from '../csv/sql.js';
import { writeLoadReport } from '../load-report-store.js';
import type { FileLoadReport, LoadReport } from '../types.js';
import { countRows, replaceWithView } from './clean-views.js';
import { isRemoteLocation } from './data-source-spec.js';
import { listSourceFilesOf, type SourceFile } from './list-files.js';
import { prepareRemoteAccess } from './remote-access.js';
import type { WarehouseSource } from './source.js';
import { ALLOCATOR_OPTIONS } from '../allocator-options.js';

/** Bump when the views this source creates change. */
const PARQUET_SOURCE_VERSION = 'parquet-source-v1';
const SIDE_TABLES = SINGLE_FILE_SOURCES.map((d) => d.name);
const ORDERS_TABLE = PARTITIONED_SOURCE.name;

export interface ParquetLocation {
  /** The order files (amazon_sales), e.g. /data/amazon_sales/**\/*.parquet (hive-partitioned year=/month=). */
  ordersGlob: string;
  /** Folder holding the order folder and the other tables (<root>/inventory.parquet …), with a trailing slash. */
  root: string;
}

/**
 * Clean-schema Parquet read in place: the cache database holds views over the files (and the rollups), never a
 * copy of the order rows. The query side may read only under `root` (DuckDB allowed_directories, set before
 * enable_external_access=false and lock_configuration).
 */
export function parquetSource(location: ParquetLocation, settings: BuildSettings): WarehouseSource {
  const remote = isRemoteLocation(location.ordersGlob);
  const ordersGlob = remote ? location.ordersGlob : resolve(location.ordersGlob);
  const root = remote ? location.root : `${resolve(location.root)}/`;
  const sidePatterns = (table: string) => [`${root}${table}.parquet`, `${root}${table}/**/*.parquet`];

  /**
   * Each table's files (first matching pattern), found through DuckDB so s3:// works the same. The globs go in two
   * rounds (listSourceFilesOf): the orders and each table's first pattern, then the second pattern of the tables
   * the first found nothing for.
   */
  const discover = async (conn: DuckDBConnection) => {
    await prepareRemoteAccess(conn, ordersGlob);
    const found = new Map<string, { pattern: string; files: SourceFile[] }>();
    const [orders, ...firsts] = await listSourceFilesOf(conn, [
      ordersGlob,
      ...SIDE_TABLES.map((t) => sidePatterns(t)[0]!),
    ]);
    if (!orders!.length)
      throw new AppError(
        'DATA_NOT_FOUND',
        `No Parquet files match "${ordersGlob}". Point DATA_SOURCE at the order files, e.g. parquet:/data/amazon_sales/**/*.parquet (retail-insights data convert or data generate --format parquet writes them).`,
      );
    found.set(ORDERS_TABLE, { pattern: ordersGlob, files: orders! });
    const rest = SIDE_TABLES.filter((_, i) => !firsts[i]!.length);
    const seconds = await listSourceFilesOf(
      conn,
      rest.map((t) => sidePatterns(t)[1]!),
    );
    SIDE_TABLES.forEach((table, i) => {
      const [first, second] = sidePatterns(table);
      if (firsts[i]!.length) found.set(table, { pattern: first!, files: firsts[i]! });
      else {
        const files = seconds[rest.indexOf(table)]!;
        if (files.length) found.set(table, { pattern: second!, files });
      }
    });
    return found;
  };

  return {
    description: `Parquet files ${ordersGlob}`,
    async fingerprint() {
      return withMemoryDb(settings, async (conn) => {
        const found = await discover(conn);
        const hash = createHash('sha256').update(`${PARQUET_SOURCE_VERSION}\n${ordersGlob}\n`);
        for (const [table, { files }] of found)
          for (const f of files) hash.update(`${table}\0${f.file}\0${f.bytes}\0${f.modified}\n`);
        return hash.digest('hex');
      });
    },
    async build(dbPath) {
      const started = performance.now();
      const instance = await DuckDBInstance.create(dbPath, buildOptions(settings));
      const conn = await instance.connect();
      try {
        const found = await discover(conn);
        await conn.run(CLEAN_TABLE_DDL);
        const files: FileLoadReport[] = [];
        for (const [table, { pattern, files: list }] of found) {
          const from =
            table === ORDERS_TABLE
              ? `read_parquet(${sqlString(pattern)}, hive_partitioning = true, union_by_name = true)`
              : `read_parquet(${sqlString(pattern)}, union_by_name = true)`;
          await replaceWithView(conn, table, from);
          const rows = await countRows(conn, table);
          files.push({
            file: pattern,
            recognisedAs: table as FileLoadReport['recognisedAs'],
            table,
            rowsRead: rows,
            rowsLoaded: rows,
            rowsRejected: 0,
            rejected: [],
            notes: [
              `Clean-schema Parquet read in place through a view (${list.length} file${list.length === 1 ? '' : 's'}, ${list.reduce((a, f) => a + f.bytes, 0)} bytes).`,
            ],
          });
        }
        const missing = SIDE_TABLES.filter((t) => !found.has(t));
        const report: LoadReport = {
          dataDir: `parquet:${ordersGlob}`,
          files: files.sort((a, b) => a.file.localeCompare(b.file)),
          unrecognisedFiles: [],
          fromCache: false,
          elapsedMs: Math.round(performance.now() - started),
        };
        if (missing.length)
          report.files.push(
            ...missing.map((t) => ({
              file: `${root}${t}.parquet`,
              recognisedAs: null,
              table: t,
              rowsRead: 0,
              rowsLoaded: 0,
              rowsRejected: 0,
              rejected: [],
              notes: ['Not found: the table is empty.'],
            })),
          );
        await writeLoadReport(conn, report);
        await conn.run('CHECKPOINT');
        return report;
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError('DATA_LOAD_FAILED', `Could not read the Parquet files at ${ordersGlob}.`, {
          cause: error,
        });
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
    async prepare(conn, side) {
      await prepareRemoteAccess(conn, ordersGlob);
      // Reads (the views) are allowed under the data root only; everything else stays refused once
      // enable_external_access=false follows.
      if (side === 'query') await conn.run(`SET allowed_directories = [${sqlString(root)}]`);
    },
  };
}

export function buildOptions(settings: BuildSettings): Record<string, string> {
  const options: Record<string, string> = {
    threads: String(settings.threads),
    memory_limit: settings.memoryLimit,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // Aggregating hundreds of millions of rows: not keeping row order lets DuckDB stream with less memory.
    preserve_insertion_order: 'false',
    ...ALLOCATOR_OPTIONS,
  };
  if (settings.tempDirectory) options.temp_directory = settings.tempDirectory;
  return options;
}

/** A short-lived in-memory DuckDB (trusted, our own code) for listing files and fingerprints. */
export async function withMemoryDb<T>(
  settings: BuildSettings,
  fn: (conn: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', buildOptions(settings));
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
