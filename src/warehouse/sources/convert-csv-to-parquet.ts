import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../errors.js';
import { buildFromCsvFiles, type BuildSettings } from '../csv/build-from-csv.js';
import { listDataFiles } from '../csv/list-data-files.js';
import { sqlString } from '../csv/sql.js';
import type { LoadReport } from '../types.js';
import { PARTITIONED_SOURCE, SINGLE_FILE_SOURCES } from './source-definitions.js';
import { buildOptions } from './parquet-source.js';

export interface ConvertReport {
  from: string;
  to: string;
  tables: { table: string; path: string; rows: number; bytes: number }[];
  /** The CSV load (rows read/loaded/rejected per file), exactly as the CSV source reports it. */
  load: LoadReport;
  elapsedMs: number;
}

const SMALL_TABLES = SINGLE_FILE_SOURCES.map((d) => d.name);

/**
 * Raw retailer CSVs → clean-schema Parquet, through the same loaders as the CSV source (every quirk handled,
 * every rejected row reported): amazon_sales hive-partitioned by year/month (zstd), the other tables one file
 * each. The result is what DATA_SOURCE=parquet:<to> reads. Written to a temporary folder renamed into place, so
 * a failed conversion never leaves half a data set.
 */
export async function convertCsvToParquet(
  fromDir: string,
  toDir: string,
  settings: BuildSettings,
): Promise<ConvertReport> {
  const started = performance.now();
  const from = resolve(fromDir);
  const to = resolve(toDir);
  if (from === to) throw new AppError('BAD_INPUT', '--from and --to must be different folders.');
  const files = await listDataFiles(from);
  if (!files.length) throw new AppError('DATA_NOT_FOUND', `No CSV files in "${from}".`);
  await mkdir(dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dbPath = `${tmp}.duckdb`;
  try {
    await mkdir(tmp, { recursive: true });
    const load = await buildFromCsvFiles(from, files, dbPath, settings);
    const instance = await DuckDBInstance.create(dbPath, buildOptions(settings));
    const conn = await instance.connect();
    const tables: ConvertReport['tables'] = [];
    try {
      const { name, partitioning } = PARTITIONED_SOURCE;
      const day = partitioning.dateColumn;
      await conn.run(
        `COPY (SELECT *, year(${day}) AS year, lpad(CAST(month(${day}) AS VARCHAR), 2, '0') AS month FROM ${name})
         TO ${sqlString(join(tmp, name))} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE true)`,
      );
      tables.push({ table: name, path: `${name}/`, rows: await count(name), bytes: 0 });
      for (const table of SMALL_TABLES) {
        const path = join(tmp, `${table}.parquet`);
        await conn.run(
          `COPY (SELECT * FROM ${table} ORDER BY source_row) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        tables.push({ table, path: `${table}.parquet`, rows: await count(table), bytes: 0 });
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    async function count(table: string): Promise<number> {
      const reader = await conn.runAndReadAll(`SELECT COUNT(*) FROM ${table}`);
      return Number(reader.getRowsJS()[0]![0]);
    }
    for (const t of tables) t.bytes = await pathBytes(join(tmp, t.path));
    await rm(to, { recursive: true, force: true });
    await rename(tmp, to);
    return { from, to, tables, load, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(dbPath, { force: true });
    await rm(`${dbPath}.wal`, { force: true });
  }
}

async function pathBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (info.isFile()) return info.size;
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}
