import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { computeStats } from '../../src/warehouse/stats.js';
import { openTestWarehouse, tempDir } from '../unit/warehouse/fixture-warehouse.js';

const DATA_DIR = resolve(import.meta.dirname, '../../../shared/datasets/ecommerce-sales');
const present = existsSync(resolve(DATA_DIR, 'Amazon Sale Report.csv'));
if (!present)
  console.warn(`[warehouse acceptance] skipped: the real data set is not at ${DATA_DIR} (CI has it).`);

/** Figures public analyses of the Kaggle file agree on (gross = all rows, blank amounts as 0). */
describe.skipIf(!present)('acceptance: the real Kaggle files', () => {
  let warehouse: Warehouse;
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = await tempDir('ri-acceptance-');
    ({ warehouse } = await openTestWarehouse(DATA_DIR, { CACHE_DIR: cacheDir }));
  });
  afterAll(async () => {
    await warehouse?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const one = async (sql: string) => (await warehouse.queryGuarded(sql)).rows[0]!;

  it('loads all 128,975 Amazon order rows, 120,378 distinct orders, 18,332 cancelled', async () => {
    expect(
      await one(
        `SELECT COUNT(*), COUNT(DISTINCT order_id), COUNT(*) FILTER (WHERE status = 'Cancelled') FROM amazon_sales`,
      ),
    ).toEqual([128_975, 120_378, 18_332]);
  });

  it('total Amount 78,592,678.30 and April/May/June 28,838,708.32 / 26,226,476.75 / 23,425,809.38', async () => {
    expect(await one('SELECT SUM(amount) FROM amazon_sales')).toEqual([78_592_678.3]);
    const months = await warehouse.queryGuarded(
      `SELECT STRFTIME(order_date, '%Y-%m') AS m, SUM(amount) FROM amazon_sales GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(months.rows)).toMatchObject({
      '2022-04': 28_838_708.32,
      '2022-05': 26_226_476.75,
      '2022-06': 23_425_809.38,
    });
  });

  it('Set is the top category with 39,204,124.03', async () => {
    const top = await warehouse.queryGuarded(
      'SELECT category, SUM(amount) FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
    );
    expect(top.rows).toEqual([['Set', 39_204_124.03]]);
  });

  it('no row lost: every file read = loaded + rejected, with a reason for each rejection', () => {
    const report = warehouse.loadReport;
    for (const file of report.files) {
      expect(file.rowsRead, file.file).toBe(file.rowsLoaded + file.rowsRejected);
      expect(
        file.rejected.reduce((s, r) => s + r.count, 0),
        file.file,
      ).toBe(file.rowsRejected);
    }
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['Amazon Sale Report.csv']).toMatchObject({
      rowsRead: 128_975,
      rowsLoaded: 128_975,
      rowsRejected: 0,
    });
    expect(byFile['International sale Report.csv']).toMatchObject({ rowsRead: 37_432, rowsLoaded: 18_635 });
    expect(byFile['May-2022.csv']).toMatchObject({ rowsLoaded: 1_330 });
    expect(byFile['P  L March 2021.csv']).toMatchObject({ rowsLoaded: 1_330 });
    expect(report.unrecognisedFiles.sort()).toEqual([
      'Cloud Warehouse Compersion Chart.csv',
      'Expense IIGF.csv',
    ]);
  });

  it('states: one canonical name per state/UT (no case or spelling variants left)', async () => {
    const states = await warehouse.queryGuarded(
      'SELECT DISTINCT ship_state FROM amazon_sales WHERE ship_state IS NOT NULL ORDER BY 1',
    );
    const names = states.rows.map((r) => String(r[0]));
    expect(names.length).toBeLessThanOrEqual(36);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Odisha', 'Rajasthan', 'Puducherry', 'Nagaland', 'Delhi']));
    expect(names).not.toEqual(expect.arrayContaining(['Orissa']));
  });

  it('stats() agrees with the public figures', async () => {
    const stats = await computeStats(warehouse);
    expect(stats.totals).toMatchObject({
      orderLines: 128_975,
      orders: 120_378,
      revenue: 78_592_678.3,
      cancelledLines: 18_332,
    });
    expect(stats.byCategory[0]).toMatchObject({ key: 'Set', revenue: 39_204_124.03 });
    expect(stats.byMonth.map((m) => m.key)).toEqual(['2022-03', '2022-04', '2022-05', '2022-06']);
  });

  it('a second start reuses the persisted database with the same fingerprint and report', async () => {
    const again = await openTestWarehouse(DATA_DIR, { CACHE_DIR: cacheDir });
    try {
      expect(again.warehouse.loadReport.fromCache).toBe(true);
      expect(again.warehouse.fingerprint).toBe(warehouse.fingerprint);
      expect(again.warehouse.loadReport.files).toEqual(warehouse.loadReport.files);
      expect((await again.warehouse.queryGuarded('SELECT SUM(amount) FROM amazon_sales')).rows).toEqual([
        [78_592_678.3],
      ]);
    } finally {
      await again.warehouse.close();
    }
  });
});
