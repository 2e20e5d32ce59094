import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData } from '../../../src/data-gen/generate.js';
import { buildRollups } from '../../../src/warehouse/rollups/build-rollups.js';

let dir: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ri-rollup-buckets-'));
  await generateSampleData({ outDir: dir, rows: 4000, seed: 5, format: 'parquet' });
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(
    `CREATE TABLE amazon_sales AS SELECT * FROM read_parquet('${join(dir, 'amazon_sales', '**', '*.parquet')}', hive_partitioning = false)`,
  );
});

afterAll(async () => {
  conn?.closeSync();
  instance?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function count(sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0]);
}

describe('the order-count rollup built in hash buckets', () => {
  it('holds exactly the rows of a single pass (distinct orders add up across disjoint buckets)', async () => {
    const single = await buildRollups(conn);
    const orders = single.find((r) => r.table === 'amazon_orders_daily');
    expect(orders?.skipped).toBeUndefined();
    await conn.run('CREATE TABLE single_pass AS SELECT * FROM amazon_orders_daily');

    // 4,000 rows at 700 per bucket: six passes over disjoint sets of orders.
    const bucketed = await buildRollups(conn, { orderRowsPerBucket: 700 });
    expect(bucketed.find((r) => r.table === 'amazon_orders_daily')?.skipped).toBeUndefined();

    expect(await count('SELECT COUNT(*) FROM amazon_orders_daily')).toBe(
      await count('SELECT COUNT(*) FROM single_pass'),
    );
    expect(
      await count(
        'SELECT COUNT(*) FROM (SELECT * FROM amazon_orders_daily EXCEPT ALL SELECT * FROM single_pass)',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) FROM (SELECT * FROM single_pass EXCEPT ALL SELECT * FROM amazon_orders_daily)',
      ),
    ).toBe(0);
    expect(await count('SELECT SUM(order_count) FROM amazon_orders_daily')).toBe(
      await count('SELECT COUNT(DISTINCT order_id) FROM amazon_sales'),
    );
    // The working table of the passes is gone.
    expect(
      await count(`SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '%__parts'`),
    ).toBe(0);
  });
});
