import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../errors.js';
import { buildCatalog } from './catalog.js';
import { createTableFromRows, type ColumnType } from './duck-tables.js';
import {
  cleanProjection,
  createOrderChoiceTables,
  createOrdersChunk,
  orderLinesSql,
  rawProjection,
  type ChoiceInfo,
} from './order-lines.js';
import {
  AMAZON_FILE,
  INTERNATIONAL_FILE,
  INVENTORY_FILE,
  PRICE_MARCH_2021_FILE,
  PRICE_MAY_2022_FILE,
} from './raw-headers.js';
import { loadSampleProfile, type SampleProfile } from './sample-profile.js';
import type { CleanColumn } from '../warehouse/sources/source-definition.js';
import { SINGLE_FILE_SOURCES } from '../warehouse/sources/source-definitions.js';
import { internationalFile } from './international-file.js';
import { priceFiles } from './price-files.js';
import { inventoryFile, type SideFile } from './side-files.js';

export interface GenerateOptions {
  outDir: string;
  /** Amazon order rows (default: the real file's size, 128,975). */
  rows?: number;
  seed?: number;
  format?: 'csv' | 'parquet';
  /** The distributions to sample from (default: data/sample-profile.yml, read once for this call). */
  profile?: SampleProfile;
}

export interface GenerateReport {
  outDir: string;
  files: { file: string; rows: number; bytes: number }[];
  elapsedMs: number;
}

/** Internal knobs, for tests that check chunking changes nothing; callers leave them at their defaults. */
export interface GenerateTuning {
  /**
   * Orders per SQL chunk (default 2,000,000). Memory per chunk is the orders table (about 30 bytes an order) and
   * its running-sum window; the line query itself streams (no join, sort or window).
   */
  ordersPerChunk?: number;
}

export const DEFAULT_SEED = 42;
const ORDERS_PER_CHUNK = 2_000_000;
/** DuckDB settings for generation: bounded memory (spilling to a temp directory), all cores. */
const MEMORY_LIMIT = '1GB';

/**
 * Writes a sample data set: with `csv` (default) the retailer's five files in their raw formats (same headers and
 * quirks as the Kaggle export), with `parquet` the clean tables (amazon_sales hive-partitioned by year/month, and
 * inventory, price_list, international_sales) for the scale path. Deterministic for a seed: the same seed writes
 * byte-identical CSV files.
 */
export async function generateSampleData(
  options: GenerateOptions,
  tuning: GenerateTuning = {},
): Promise<GenerateReport> {
  const started = performance.now();
  const profile = options.profile ?? loadSampleProfile();
  const rows = options.rows ?? profile.amazonRows;
  const seed = options.seed ?? DEFAULT_SEED;
  const format = options.format ?? 'csv';
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new AppError('BAD_INPUT', '--rows must be a whole number of at least 1.');
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new AppError('BAD_INPUT', '--seed must be a whole number of 0 or more.');
  if (format !== 'csv' && format !== 'parquet')
    throw new AppError('BAD_INPUT', '--format must be csv or parquet.');
  if (
    tuning.ordersPerChunk !== undefined &&
    !(Number.isSafeInteger(tuning.ordersPerChunk) && tuning.ordersPerChunk >= 1)
  )
    throw new AppError('BAD_INPUT', 'ordersPerChunk must be a whole number of at least 1.');

  await mkdir(options.outDir, { recursive: true });
  const spillDir = await mkdtemp(join(tmpdir(), 'retail-insights-gen-'));
  // Our own trusted code writing files: an in-memory DuckDB with external access (this is not the query guard).
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: spillDir,
    memory_limit: MEMORY_LIMIT,
  });
  const conn = await instance.connect();
  try {
    const catalog = buildCatalog(profile, seed);
    const choices = await createOrderChoiceTables(conn, profile, catalog, seed);
    // The side files are plain JS; they are built while DuckDB writes the first chunk of order lines.
    const makeSide = (): SideFiles => ({
      inventory: inventoryFile(profile, catalog, seed),
      prices: priceFiles(profile, catalog, seed),
      international: internationalFile(profile, catalog, rows, seed),
    });
    const ordersPerChunk = tuning.ordersPerChunk ?? ORDERS_PER_CHUNK;
    const job: Job = { conn, profile, choices, outDir: options.outDir, rows, seed, ordersPerChunk, makeSide };
    const files = format === 'csv' ? await writeCsv(job) : await writeParquet(job);
    return { outDir: options.outDir, files, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INTERNAL', 'Generating the sample data failed.', { cause: error });
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spillDir, { recursive: true, force: true });
  }
}

interface SideFiles {
  inventory: SideFile;
  prices: { march2021: SideFile; may2022: SideFile };
  international: SideFile;
}

interface Job {
  conn: DuckDBConnection;
  profile: SampleProfile;
  choices: ChoiceInfo;
  outDir: string;
  rows: number;
  seed: number;
  ordersPerChunk: number;
  makeSide: () => SideFiles;
}

type FileEntry = GenerateReport['files'][number];

/**
 * Writes the order lines chunk by chunk: `copy(chunk)` runs one COPY for the orders table `ord` of that chunk.
 * The side files are made (synchronously, in JS) right after the first COPY has been handed to DuckDB's threads,
 * so the two overlap. Every order has at least one line, so `rows` orders always make enough lines.
 */
async function writeLines(
  job: Job,
  sorted: boolean,
  copy: (chunk: number) => Promise<unknown>,
): Promise<SideFiles> {
  let side: SideFiles | undefined;
  let lines = 0;
  for (let chunk = 0, from = 0; lines < job.rows; chunk++, from += job.ordersPerChunk) {
    const to = Math.min(from + job.ordersPerChunk, job.rows);
    lines = await createOrdersChunk(job.conn, job.choices.sizes, job.seed, 'ord', from, to, lines, sorted);
    const copying = copy(chunk);
    side ??= job.makeSide();
    await copying;
  }
  return side ?? job.makeSide();
}

async function writeCsv(job: Job): Promise<FileEntry[]> {
  const amazonPath = join(job.outDir, AMAZON_FILE);
  const linesSql = orderLinesSql(job.profile, job.choices.sizes, job.seed, 'ord', job.rows);
  // One thread writes the lines in order without a sort (see rawProjection); the other core builds the side files.
  await job.conn.run('SET threads = 1');
  // Chunks go to numbered part files (the first with the header) that are concatenated at the end.
  const parts: string[] = [];
  const side = await writeLines(job, true, (chunk) => {
    const part = chunk === 0 ? amazonPath : `${amazonPath}.part${chunk}`;
    if (chunk > 0) parts.push(part);
    return job.conn.run(
      `COPY (${rawProjection(linesSql)}) TO ${sqlString(part)} (HEADER ${chunk === 0}, DELIMITER ',')`,
    );
  });
  if (parts.length > 0) {
    const out = createWriteStream(amazonPath, { flags: 'a' });
    for (const part of parts) await pipeline(createReadStream(part), out, { end: false });
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    for (const part of parts) await rm(part, { force: true });
  }
  const entries: FileEntry[] = [{ file: AMAZON_FILE, rows: job.rows, bytes: (await stat(amazonPath)).size }];
  const small: [string, SideFile][] = [
    [INTERNATIONAL_FILE, side.international],
    [INVENTORY_FILE, side.inventory],
    [PRICE_MARCH_2021_FILE, side.prices.march2021],
    [PRICE_MAY_2022_FILE, side.prices.may2022],
  ];
  for (const [file, content] of small) {
    await writeFile(join(job.outDir, file), content.text);
    entries.push({ file, rows: content.rawRows, bytes: Buffer.byteLength(content.text) });
  }
  return entries;
}

/** How a clean column is staged before its cast: the side files hold dates as text and money as doubles. */
const STAGING_TYPE: Record<CleanColumn['type'], ColumnType> = {
  INTEGER: 'INTEGER',
  VARCHAR: 'VARCHAR',
  DATE: 'VARCHAR',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  'DECIMAL(18,2)': 'DOUBLE',
};

/** Clean schemas of the single-file tables (their source definitions): name, staging type, then the SQL cast. */
function cleanColumns(table: string): (readonly [string, ColumnType, string])[] {
  const source = SINGLE_FILE_SOURCES.find((d) => d.name === table);
  if (!source) throw new Error(`No single-file source definition for ${table}.`);
  return source.columns.map((c) => [c.name, STAGING_TYPE[c.type], c.type] as const);
}

async function writeParquet(job: Job): Promise<FileEntry[]> {
  const { conn, outDir } = job;
  // Row order across a partitioned write does not matter; not preserving it lets DuckDB stream with less memory.
  await conn.run('SET preserve_insertion_order = false');
  const salesDir = join(outDir, 'amazon_sales');
  await rm(salesDir, { recursive: true, force: true });
  // One plain Parquet file per chunk and month in the hive layout (year=YYYY/month=MM/chunkNNNN.parquet), each
  // COPY selecting its month's orders before their lines are made. DuckDB's PARTITION_BY writer did the same
  // split but cost twice the CPU and held a buffer per open partition (1.1 GB at 1M rows).
  for (const m of job.choices.months)
    await mkdir(join(salesDir, `year=${m.year}`, `month=${m.month}`), { recursive: true });
  const side = await writeLines(job, false, async (chunk) => {
    for (const m of job.choices.months) {
      const file = join(
        salesDir,
        `year=${m.year}`,
        `month=${m.month}`,
        `chunk${String(chunk).padStart(5, '0')}.parquet`,
      );
      const lines = orderLinesSql(job.profile, job.choices.sizes, job.seed, 'ord', job.rows, m);
      await conn.run(
        `COPY (SELECT * EXCLUDE (year, month) FROM (${cleanProjection(lines)})) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  });
  const entries: FileEntry[] = [{ file: 'amazon_sales/', rows: job.rows, bytes: await dirBytes(salesDir) }];

  const tables: [string, CleanRowsSource][] = [
    ['inventory', side.inventory.clean],
    ['price_list', [...side.prices.march2021.clean, ...side.prices.may2022.clean]],
    ['international_sales', side.international.clean],
  ];
  for (const [table, cleanRows] of tables) {
    const columns = cleanColumns(table);
    await createTableFromRows(
      conn,
      `stage_${table}`,
      columns.map(([n, t]) => [n, t] as const),
      cleanRows,
    );
    const path = join(outDir, `${table}.parquet`);
    await conn.run(
      `COPY (SELECT ${columns.map(([n, , cast]) => `CAST("${n}" AS ${cast}) AS "${n}"`).join(', ')} FROM stage_${table} ORDER BY source_row)
       TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    entries.push({ file: `${table}.parquet`, rows: cleanRows.length, bytes: (await stat(path)).size });
  }
  return entries;
}

type CleanRowsSource = SideFile['clean'];

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
