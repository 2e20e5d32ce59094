import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { generateSampleData } from '../../src/data-gen/generate.js';
import { isAppError } from '../../src/errors.js';
import { createLogger } from '../../src/observability/logger.js';
import { loadCatalog } from '../../src/semantic/catalog.js';
import { buildDataProfileWith } from '../../src/semantic/data-profile.js';
import { openWarehouse } from '../../src/warehouse/open-warehouse.js';
import { ROLLUP_TABLES } from '../../src/warehouse/rollups/rollup-definitions.js';
import { convertCsvToParquet } from '../../src/warehouse/sources/convert-csv-to-parquet.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { answerEvalBothWays } from '../unit/scale/eval-both-ways.js';

const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/raw');
const settings = { threads: 2, memoryLimit: '512MB' };
let work: string;
const opened: Warehouse[] = [];

async function open(env: Record<string, string>): Promise<Warehouse> {
  const config = loadConfig({
    CACHE_DIR: join(work, `cache-${opened.length}`),
    // The generated tables here are small; rollups are what these tests are about.
    ROLLUP_MIN_ROWS: '0',
    ...env,
  });
  const warehouse = await openWarehouse(config, createLogger({ level: 'silent' }));
  opened.push(warehouse);
  return warehouse;
}

/** Per table: rows and a checksum over a few columns, the same on every source. */
const TOTALS_SQL = [
  "SELECT 'amazon_sales', COUNT(*), SUM(amount)::VARCHAR, COUNT(DISTINCT order_id), MIN(order_date)::VARCHAR, MAX(order_date)::VARCHAR FROM amazon_sales",
  "SELECT 'international_sales', COUNT(*), SUM(gross_amount)::VARCHAR, COUNT(DISTINCT customer), MIN(sale_date)::VARCHAR, NULL FROM international_sales",
  "SELECT 'inventory', COUNT(*), SUM(stock)::VARCHAR, COUNT(DISTINCT sku), NULL, NULL FROM inventory",
  "SELECT 'price_list_by_marketplace', COUNT(*), SUM(mrp)::VARCHAR, COUNT(DISTINCT sku), MIN(valid_month)::VARCHAR, NULL FROM price_list_by_marketplace",
].join(' UNION ALL ');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ri-scale-'));
}, 60_000);

afterAll(async () => {
  for (const w of opened) await w.close();
  await rm(work, { recursive: true, force: true });
});

describe('data sources besides a CSV folder', () => {
  let csv: Warehouse;
  let parquetRoot: string;

  beforeAll(async () => {
    parquetRoot = join(work, 'fixture-parquet');
    const report = await convertCsvToParquet(FIXTURE_DIR, parquetRoot, settings);
    expect(report.tables.map((t) => t.table)).toEqual([
      'amazon_sales',
      'international_sales',
      'inventory',
      'price_list',
    ]);
    csv = await open({ DATA_DIR: FIXTURE_DIR });
  }, 120_000);

  it('data convert writes hive-partitioned clean Parquet that DuckDB reads back', async () => {
    expect(existsSync(join(parquetRoot, 'amazon_sales'))).toBe(true);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const parts = await conn.runAndReadAll(
      `SELECT DISTINCT year, month FROM read_parquet('${parquetRoot}/amazon_sales/**/*.parquet', hive_partitioning = true) ORDER BY 1, 2`,
    );
    expect(parts.getRowsJS().length).toBeGreaterThan(0);
    conn.closeSync();
    instance.closeSync();
  });

  it('a Parquet glob gives the same clean tables and numbers as the CSV folder', async () => {
    const parquet = await open({ DATA_SOURCE: `parquet:${parquetRoot}/amazon_sales/**/*.parquet` });
    expect((await parquet.queryTrusted(TOTALS_SQL)).rows).toEqual((await csv.queryTrusted(TOTALS_SQL)).rows);
    expect(parquet.schema().tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}`)])).toEqual(
      csv.schema().tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}`)]),
    );
    expect(parquet.loadReport.dataDir).toContain('parquet:');
    expect(parquet.rollupTables).toEqual(ROLLUP_TABLES);
  });

  it('an existing DuckDB file is attached read-only and gives the same numbers', async () => {
    const userDb = join(work, 'user.duckdb');
    const instance = await DuckDBInstance.create(userDb);
    const conn = await instance.connect();
    for (const t of ['international_sales', 'inventory', 'price_list'])
      await conn.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${parquetRoot}/${t}.parquet')`);
    await conn.run(
      `CREATE TABLE amazon_sales AS SELECT * EXCLUDE (year, month) FROM read_parquet('${parquetRoot}/amazon_sales/**/*.parquet', hive_partitioning = true)`,
    );
    await conn.run('CHECKPOINT');
    conn.closeSync();
    instance.closeSync();
    const before = statSync(userDb);

    const duck = await open({ DATA_SOURCE: `duckdb:${userDb}` });
    expect((await duck.queryTrusted(TOTALS_SQL)).rows).toEqual((await csv.queryTrusted(TOTALS_SQL)).rows);
    // Even SQL that skips the guard cannot write into the user's database.
    await expect(duck.queryTrusted('CREATE TABLE source_db.main.evil AS SELECT 1 AS x')).rejects.toThrow();
    await expect(duck.queryGuarded('DETACH source_db')).rejects.toMatchObject({ code: 'SQL_NOT_READ_ONLY' });
    const after = statSync(userDb);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('reads stay inside the data folder: the guard refuses file reads and DuckDB refuses reads outside it', async () => {
    const parquet = await open({ DATA_SOURCE: `parquet:${parquetRoot}` });
    const guarded = [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_text('/etc/hostname')",
      `SELECT * FROM read_parquet('${parquetRoot}/inventory.parquet')`,
      `SELECT * FROM read_text('${parquetRoot}/../../../etc/passwd')`,
      `SELECT * FROM glob('${parquetRoot}/*')`,
      `SELECT * FROM '${parquetRoot}/inventory.parquet'`,
      `COPY amazon_sales TO '${parquetRoot}/leak.csv'`,
      "SET allowed_directories = ['/']",
      'SET enable_external_access = true',
      "ATTACH '/tmp/evil.duckdb' AS evil",
    ];
    for (const sql of guarded) {
      const error = await parquet.queryGuarded(sql).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(error), sql).toBe(true);
      expect(['SQL_FORBIDDEN', 'SQL_NOT_READ_ONLY', 'SQL_INVALID'], sql).toContain(
        isAppError(error) ? error.code : '',
      );
    }
    // The second wall, without the guard: DuckDB itself refuses files outside allowed_directories.
    for (const sql of [
      "SELECT * FROM read_csv('/etc/passwd')",
      `SELECT * FROM read_text('${parquetRoot}/../../../etc/passwd')`,
      "SELECT * FROM glob('/etc/*')",
    ])
      await expect(parquet.queryTrusted(sql), sql).rejects.toThrow(/Permission Error/);
    const locked = await parquet.queryTrusted(
      "SELECT current_setting('enable_external_access')::VARCHAR, current_setting('lock_configuration')::VARCHAR",
    );
    expect(locked.rows).toEqual([['false', 'true']]);
    expect(existsSync(join(parquetRoot, 'leak.csv'))).toBe(false);
  });

  it('rollups are hidden from schema() and not built with ROLLUPS_ENABLED=false', async () => {
    const parquet = await open({ DATA_SOURCE: `parquet:${parquetRoot}` });
    expect(parquet.schema().tables.map((t) => t.name)).not.toContain('amazon_sales_daily');
    const plain = await open({ DATA_SOURCE: `parquet:${parquetRoot}`, ROLLUPS_ENABLED: 'false' });
    expect(plain.rollupTables).toEqual([]);
    await expect(plain.queryTrusted('SELECT 1 FROM amazon_sales_daily')).rejects.toThrow();
  });

  it('keeps an order-count rollup only when no order (per category or size) spans two of its groups', async () => {
    const spanDb = join(work, 'span.duckdb');
    const instance = await DuckDBInstance.create(spanDb);
    const conn = await instance.connect();
    await conn.run(
      `CREATE TABLE amazon_sales AS SELECT * EXCLUDE (year, month) FROM read_parquet('${parquetRoot}/amazon_sales/**/*.parquet', hive_partitioning = true)`,
    );
    // One order of a Kurta and a Set line, both size M, shipped to two states: its lines fall in two groups of
    // amazon_orders_daily, and its (order, M) pair in two groups of the per-size rollup. Its (order, Kurta) and
    // (order, Set) pairs each fall in one group, so the per-category rollup still adds up and is kept.
    await conn.run(
      `INSERT INTO amazon_sales SELECT * EXCLUDE (rn) REPLACE ('SPAN-1' AS order_id, CASE WHEN rn = 1 THEN 'Goa' ELSE 'Kerala' END AS ship_state, CASE WHEN rn = 1 THEN 'Kurta' ELSE 'Set' END AS category, 'M' AS size) FROM (SELECT *, row_number() OVER () AS rn FROM (SELECT * FROM amazon_sales LIMIT 2))`,
    );
    conn.closeSync();
    instance.closeSync();
    const spanning = await open({ DATA_SOURCE: `duckdb:${spanDb}` });
    expect(spanning.rollupTables).toEqual([
      'amazon_orders_daily_category',
      'amazon_sales_daily',
      'amazon_sales_daily_product',
    ]);
    const notes = spanning.loadReport.files.find((f) => f.table === 'amazon_sales')?.notes.join(' ');
    expect(notes).toContain('amazon_orders_daily not built');
    expect(notes).toMatch(/amazon_orders_daily_size not built: an order's lines of one size span/);
    // Kept on its own check, its counts are still the distinct orders of each category.
    const perCategory = await spanning.queryTrusted(
      "SELECT (SELECT SUM(order_count) FROM amazon_orders_daily_category WHERE category = 'Kurta')::BIGINT, (SELECT COUNT(DISTINCT order_id) FROM amazon_sales WHERE category = 'Kurta')",
    );
    expect(perCategory.rows[0]![0]).toBe(perCategory.rows[0]![1]);
    const clean = await open({ DATA_SOURCE: `parquet:${parquetRoot}` });
    expect(clean.rollupTables).toEqual([
      'amazon_orders_daily',
      'amazon_orders_daily_category',
      'amazon_orders_daily_size',
      'amazon_sales_daily',
      'amazon_sales_daily_product',
    ]);
  });

  it('applies DUCKDB_MEMORY_LIMIT and DUCKDB_TEMP_DIR (spilling) on the query side', async () => {
    const spill = join(work, 'spill');
    const parquet = await open({
      DATA_SOURCE: `parquet:${parquetRoot}`,
      DUCKDB_MEMORY_LIMIT: '300MB',
      DUCKDB_TEMP_DIR: spill,
    });
    const settings = await parquet.queryTrusted(
      "SELECT current_setting('memory_limit')::VARCHAR, current_setting('temp_directory')::VARCHAR",
    );
    expect(String(settings.rows[0]![0])).toMatch(/^28\d(\.\d+)? MiB$/);
    expect(settings.rows[0]![1]).toBe(spill);
  });

  it('profiles the data from the rollups with the same values, in the same order, as from the detail table', async () => {
    const parquet = await open({ DATA_SOURCE: `parquet:${parquetRoot}` });
    const seen: string[] = [];
    const query = (sql: string) => {
      seen.push(sql);
      return parquet.queryTrusted(sql, { maxRows: 50_000 });
    };
    const fromRollups = await buildDataProfileWith(query, loadCatalog(), parquet.rollupTables ?? []);
    const rollupReads = seen.filter((sql) => /FROM "amazon_(orders|sales)_daily/.test(sql)).length;
    const fromDetail = await buildDataProfileWith(query, loadCatalog(), []);
    expect(fromRollups).toEqual(fromDetail);
    // Not vacuous: the dates and most amazon_sales dimensions came from a rollup (city, SKU, style cannot).
    expect(rollupReads).toBeGreaterThanOrEqual(9);
    expect(fromRollups.values.amazon_sales?.category?.length).toBeGreaterThan(3);
  });

  it('a missing Parquet folder is a clear DATA_NOT_FOUND', async () => {
    await expect(open({ DATA_SOURCE: `parquet:${join(work, 'nowhere')}` })).rejects.toMatchObject({
      code: 'DATA_NOT_FOUND',
    });
  });
});

describe('rollup and detail answers agree on every eval question (generated sample, Parquet source)', () => {
  it('answers each covered eval question from the rollup with the detail table’s exact numbers', async () => {
    const root = join(work, 'generated');
    await generateSampleData({ outDir: root, rows: 30_000, seed: 7, format: 'parquet' });
    const warehouse = await open({ DATA_SOURCE: `parquet:${root}` });
    const report = await answerEvalBothWays(warehouse, loadCatalog());
    expect(report.mismatches).toEqual([]);
    // Not vacuous: most eval questions are additive and must have gone through a rollup, through both tables.
    expect(report.routed.length).toBeGreaterThan(report.planned / 3);
    expect(new Set(report.routed.map((r) => r.table))).toEqual(new Set(ROLLUP_TABLES));
    // Orders per category and per size came from the split rollups, and agreed with COUNT(DISTINCT) on the rows.
    expect(report.routed.filter((r) => r.id.startsWith('x-'))).toEqual([
      { id: 'x-promo', table: 'amazon_sales_daily_product' },
      { id: 'x-size-category', table: 'amazon_sales_daily_product' },
      { id: 'x-orders-share', table: 'amazon_orders_daily_category' },
      { id: 'x-orders-one-size', table: 'amazon_orders_daily_size' },
    ]);
  }, 180_000);
});
