import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataLoadPolicy, type Config } from '../config/config.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { cachedDatabasePath, resolveCacheDir } from './cache.js';
import { chooseLoad } from './choose-load.js';
import { DuckDbWarehouse } from './duckdb-warehouse.js';
import { readLoadReport } from './load-report-store.js';
import { openLockedDatabase } from './locked-database.js';
import { readSchemaInfo } from './schema-info.js';
import { csvDirectorySource } from './sources/csv-directory-source.js';
import type { WarehouseSource } from './sources/source.js';
import type { LoadReport, Warehouse } from './types.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { hideRollups } from './rollups/hide-rollups.js';
import { listRollupTables } from './rollups/build-rollups.js';
import { withRollups } from './rollups/with-rollups.js';
import { timePhase } from './load-phases.js';
import { selectDataSource } from './sources/select-source.js';
import { createIsolatedQueryRunner } from './isolated/isolated-query-runner.js';

export interface OpenWarehouseHooks {
  /** Lines a person should see (e.g. "Generating a sample data set into …"), written to stderr by the CLI. */
  onNotice?: (line: string) => void;
  /**
   * Called with the data's fingerprint (the warehouse's own) as soon as it is known, before DuckDB opens the
   * database on its own threads: start-up work keyed by it (the persisted data profile) can run meanwhile.
   */
  onFingerprint?: (fingerprint: string) => void;
}

/** Concurrent guarded queries (DuckDB connections); each query is also capped by DUCKDB_THREADS. */
const QUERY_POOL_SIZE = 4;
const SAMPLE_SEED = 42;

/**
 * Loads DATA_DIR (or a generated sample) into a persisted DuckDB file under CACHE_DIR, keyed by the source's
 * fingerprint, and opens it read-only and locked down for queries. A second start with unchanged files reuses
 * the file without reading any CSV.
 */
export async function openWarehouse(
  config: Config,
  logger: Logger,
  hooks: OpenWarehouseHooks = {},
): Promise<Warehouse> {
  const started = performance.now();
  const cacheDir = resolveCacheDir(config.CACHE_DIR);
  const dataDir = config.DATA_DIR ?? (config.DATA_SOURCE ? '' : await ensureSampleData(cacheDir, hooks));
  const buildSettings = {
    threads: config.DUCKDB_THREADS,
    memoryLimit: config.DUCKDB_MEMORY_LIMIT,
    ...(config.DUCKDB_TEMP_DIR ? { tempDirectory: config.DUCKDB_TEMP_DIR } : {}),
  };
  // Scale issue: DATA_SOURCE (parquet:…, duckdb:…, csv:…) wins over DATA_DIR; rollups are built with the cache.
  const baseSource: WarehouseSource = config.DATA_SOURCE
    ? selectDataSource(config.DATA_SOURCE, buildSettings)
    : csvDirectorySource(dataDir, buildSettings);
  const source = config.ROLLUPS_ENABLED
    ? withRollups(baseSource, buildSettings, config.ROLLUP_MIN_ROWS)
    : baseSource;

  const fingerprint = await timePhase('fingerprint', () => source.fingerprint());
  hooks.onFingerprint?.(fingerprint);
  const chosen = await chooseLoad({
    source,
    cacheDir,
    dbPath: cachedDatabasePath(cacheDir, fingerprint),
    policy: dataLoadPolicy(config),
    checks: { maxShrinkShare: config.DATA_MAX_SHRINK_PERCENT / 100 },
    logger,
  });
  const { dbPath, built: report } = chosen;

  const instance = await timePhase('open locked read-only', () =>
    openLockedDatabase(dbPath, {
      memoryLimit: config.DUCKDB_MEMORY_LIMIT,
      threads: config.DUCKDB_THREADS,
      ...(config.DUCKDB_TEMP_DIR ? { tempDirectory: config.DUCKDB_TEMP_DIR } : {}),
      ...(source.prepare ? { prepare: (conn: DuckDBConnection) => source.prepare!(conn, 'query') } : {}),
    }),
  );
  try {
    const conn = await instance.connect();
    try {
      const stored = report ?? (await readLoadReport(conn));
      if (!stored)
        throw new AppError(
          'DATA_LOAD_FAILED',
          `The cached database ${dbPath} has no load report; delete it and retry.`,
        );
      const loadReport: LoadReport = {
        ...stored,
        ...(report ? {} : { fromCache: true }),
        elapsedMs: Math.round(performance.now() - started),
        status: chosen.status,
      };
      if (chosen.status.kind !== 'current')
        logger.warn(
          { status: chosen.status },
          'serving a load that did not pass its checks, or the last good one',
        );
      const rollupTables = config.ROLLUPS_ENABLED ? await listRollupTables(conn) : [];
      const schema = hideRollups(await timePhase('read schema', () => readSchemaInfo(conn)));
      logger.info(
        {
          fromCache: loadReport.fromCache,
          ms: loadReport.elapsedMs,
          files: loadReport.files.map((f) => ({
            file: f.file,
            loaded: f.rowsLoaded,
            rejected: f.rowsRejected,
          })),
          unrecognised: loadReport.unrecognisedFiles,
        },
        'warehouse ready',
      );
      return new DuckDbWarehouse({
        instance,
        fingerprint,
        loadReport,
        schema,
        defaults: { timeoutMs: config.QUERY_TIMEOUT_MS, maxRows: config.QUERY_ROW_LIMIT },
        poolSize: QUERY_POOL_SIZE,
        logger,
        rollupTables,
        guardedRunner: createIsolatedQueryRunner({
          worker: {
            dbPath,
            memoryLimit: `${Math.floor(config.SQL_WORKER_MEMORY_MB / 2)}MB`,
            threads: config.DUCKDB_THREADS,
            ...(config.DUCKDB_TEMP_DIR ? { tempDirectory: config.DUCKDB_TEMP_DIR } : {}),
            ...(config.DATA_SOURCE ? { dataSource: config.DATA_SOURCE } : {}),
          },
          memoryCapMb: config.SQL_WORKER_MEMORY_MB,
          logger,
        }),
      });
    } finally {
      conn.closeSync();
    }
  } catch (error) {
    instance.closeSync();
    throw isAppError(error)
      ? error
      : new AppError('DATA_LOAD_FAILED', 'The warehouse could not be opened.', { cause: error });
  }
}

/**
 * With no DATA_DIR the app works on a generated full-size sample, written once into the cache directory. The
 * generator writes into a temporary folder that is renamed when complete, so a crash never leaves half a sample.
 */
async function ensureSampleData(cacheDir: string, hooks: OpenWarehouseHooks): Promise<string> {
  const sampleDir = join(cacheDir, 'sample-data');
  const marker = join(sampleDir, '.complete');
  if (existsSync(marker)) return sampleDir;
  hooks.onNotice?.(
    `No DATA_DIR set: generating a sample data set (seed ${SAMPLE_SEED}) into ${sampleDir} (once). Set DATA_DIR or --data-dir to use your own files.`,
  );
  await mkdir(cacheDir, { recursive: true });
  const tmp = `${sampleDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    // Imported here: only a start without DATA_DIR needs the generator (and its tables of names and prices).
    const { generateSampleData } = await import('../data-gen/generate.js');
    await generateSampleData({ outDir: tmp, seed: SAMPLE_SEED, format: 'csv' });
    await writeFile(join(tmp, '.complete'), new Date().toISOString());
    await rm(sampleDir, { recursive: true, force: true });
    await rename(tmp, sampleDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return sampleDir;
}
