import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData, type GenerateReport } from '../../../src/data-gen/generate.js';
import { queryRows, sqlPath } from './read-csv.js';

const ROWS = 3000;
let dir: string;
let report: GenerateReport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'data-gen-parquet-'));
  report = await generateSampleData({ outDir: dir, rows: ROWS, seed: 11, format: 'parquet' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const columnsOf = async (source: string) =>
  (await queryRows(`DESCRIBE SELECT * FROM ${source}`)).map((r) => [r.column_name, r.column_type]);

describe('parquet output (the scale path’s clean format)', () => {
  it('writes amazon_sales hive-partitioned by year/month with the clean schema', async () => {
    expect(existsSync(join(dir, 'amazon_sales', 'year=2022', 'month=04'))).toBe(true);
    const source = `read_parquet(${sqlPath(join(dir, 'amazon_sales', '**', '*.parquet'))}, hive_partitioning = true)`;
    const columns = await columnsOf(source);
    expect(columns.slice(0, 23)).toEqual([
      ['source_row', 'INTEGER'],
      ['order_id', 'VARCHAR'],
      ['order_date', 'DATE'],
      ['status', 'VARCHAR'],
      ['fulfilment', 'VARCHAR'],
      ['sales_channel', 'VARCHAR'],
      ['ship_service_level', 'VARCHAR'],
      ['style', 'VARCHAR'],
      ['sku', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['size', 'VARCHAR'],
      ['asin', 'VARCHAR'],
      ['courier_status', 'VARCHAR'],
      ['qty', 'INTEGER'],
      ['currency', 'VARCHAR'],
      ['amount', 'DECIMAL(18,2)'],
      ['ship_city', 'VARCHAR'],
      ['ship_state', 'VARCHAR'],
      ['ship_postal_code', 'VARCHAR'],
      ['ship_country', 'VARCHAR'],
      ['promotion_ids', 'VARCHAR'],
      ['is_b2b', 'BOOLEAN'],
      ['fulfilled_by', 'VARCHAR'],
    ]);
    const [row] = (await queryRows(`
      SELECT count(*)::INTEGER AS n, count(DISTINCT source_row)::INTEGER AS distinct_rows,
        count(*) FILTER (WHERE ship_state <> 'Gujarat' AND ship_state = upper(ship_state))::INTEGER AS upper_states,
        count(*) FILTER (WHERE category = 'kurta')::INTEGER AS lower_kurta,
        count(*) FILTER (WHERE ship_postal_code LIKE '%.0')::INTEGER AS float_pins,
        count(*) FILTER (WHERE status = 'Cancelled' AND amount IS NULL)::INTEGER AS cancelled_blank,
        min(order_date)::VARCHAR AS first_day, max(order_date)::VARCHAR AS last_day
      FROM ${source}`)) as [Record<string, number | string>];
    expect(row.n).toBe(ROWS);
    expect(row.distinct_rows).toBe(ROWS);
    expect(row.upper_states).toBe(0); // canonical names, not the export's spellings
    expect(row.lower_kurta).toBe(0);
    expect(row.float_pins).toBe(0);
    expect(row.cancelled_blank).toBeGreaterThan(0);
    expect(row.first_day! >= '2022-03-31' && row.last_day! <= '2022-06-29').toBe(true);
    expect(report.files[0]).toMatchObject({ file: 'amazon_sales/', rows: ROWS });
  });

  it('holds the same rows when the lines are made in many chunks (one file per chunk and month)', async () => {
    const chunked = join(dir, 'chunked');
    await generateSampleData(
      { outDir: chunked, rows: ROWS, seed: 11, format: 'parquet' },
      { ordersPerChunk: 500 },
    );
    const files = async (root: string) =>
      (await readdir(join(root, 'amazon_sales'), { recursive: true })).filter((f) => f.endsWith('.parquet'));
    expect((await files(chunked)).length).toBeGreaterThan((await files(dir)).length);
    const rowsOf = (root: string) =>
      `SELECT * FROM read_parquet(${sqlPath(join(root, 'amazon_sales', '**', '*.parquet'))}, hive_partitioning = true)`;
    const [diff] = (await queryRows(`
      SELECT (SELECT count(*) FROM (${rowsOf(dir)} EXCEPT ALL ${rowsOf(chunked)}))::INTEGER AS missing,
        (SELECT count(*) FROM (${rowsOf(chunked)} EXCEPT ALL ${rowsOf(dir)}))::INTEGER AS extra,
        (SELECT count(*) FROM (${rowsOf(chunked)}))::INTEGER AS n`)) as [Record<string, number>];
    expect(diff).toEqual({ missing: 0, extra: 0, n: ROWS });
  });

  it('writes the small tables as parquet with their clean columns and types', async () => {
    const inventory = await columnsOf(`read_parquet(${sqlPath(join(dir, 'inventory.parquet'))})`);
    expect(inventory.map(([n]) => n)).toEqual([
      'source_row',
      'sku',
      'design_no',
      'stock',
      'category',
      'size',
      'color',
    ]);
    const prices = await columnsOf(`read_parquet(${sqlPath(join(dir, 'price_list.parquet'))})`);
    expect(prices).toContainEqual(['valid_month', 'DATE']);
    expect(prices).toContainEqual(['amazon_mrp', 'DECIMAL(18,2)']);
    const intl = await columnsOf(`read_parquet(${sqlPath(join(dir, 'international_sales.parquet'))})`);
    expect(intl).toContainEqual(['sale_date', 'DATE']);
    expect(intl).toContainEqual(['gross_amount', 'DECIMAL(18,2)']);
    const [months] = (await queryRows(
      `SELECT count(DISTINCT valid_month)::INTEGER AS n, count(*) FILTER (WHERE transfer_price IS NULL)::INTEGER AS nulls
       FROM read_parquet(${sqlPath(join(dir, 'price_list.parquet'))})`,
    )) as [{ n: number; nulls: number }];
    expect(months.n).toBe(2);
    expect(months.nulls).toBeGreaterThan(0); // '#VALUE!' became NULL
  });
});
