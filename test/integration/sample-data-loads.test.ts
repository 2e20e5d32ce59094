import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData } from '../../src/data-gen/generate.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { openTestWarehouse } from '../unit/warehouse/fixture-warehouse.js';

/**
 * The generated sample must load like the real export: every file recognised, and the only rejected rows the
 * kinds the real files also have (empty trailing rows, rows without a SKU, the international file's embedded
 * sections), never a malformed date, amount or header.
 */
const EXPECTED_REJECTIONS = [
  /^empty row$/,
  /^missing SKU Code$/,
  /header line of an embedded section/,
  /embedded SKU list/,
  /embedded stock-per-style table/,
  /repeat/i,
];
const ROWS = 5000;

describe('generated sample data loads into the warehouse', () => {
  let root: string;
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ri-sample-load-'));
    await generateSampleData({ outDir: join(root, 'data'), rows: ROWS, seed: 3 });
    ({ warehouse, cleanup } = await openTestWarehouse(join(root, 'data')));
  });
  afterAll(async () => {
    await cleanup?.();
    await rm(root, { recursive: true, force: true });
  });

  it('recognises all five files and rejects only the expected kinds of rows', () => {
    const report = warehouse.loadReport;
    expect(report.unrecognisedFiles).toEqual([]);
    expect(report.files.map((f) => f.recognisedAs).sort()).toEqual([
      'amazon_sales',
      'international_sales',
      'inventory',
      'price_list',
      'price_list',
    ]);
    for (const file of report.files) {
      expect(file.rowsRead, file.file).toBe(file.rowsLoaded + file.rowsRejected);
      for (const rejected of file.rejected)
        expect(
          EXPECTED_REJECTIONS.some((re) => re.test(rejected.reason)),
          `${file.file}: unexpected rejection "${rejected.reason}" (${rejected.count})`,
        ).toBe(true);
    }
    const amazon = report.files.find((f) => f.recognisedAs === 'amazon_sales')!;
    expect(amazon).toMatchObject({ rowsRead: ROWS, rowsLoaded: ROWS, rowsRejected: 0 });
  });

  it('yields canonical states, blank amounts as NULL and joins to inventory and prices', async () => {
    const { rows } = await warehouse.queryGuarded(`
      SELECT COUNT(*) FILTER (WHERE amount IS NULL),
        COUNT(DISTINCT ship_state) FILTER (WHERE ship_state = upper(ship_state)),
        AVG((sku IN (SELECT sku FROM inventory))::INTEGER),
        AVG((sku IN (SELECT sku FROM price_list))::INTEGER),
        MIN(order_date)::VARCHAR, MAX(order_date)::VARCHAR
      FROM amazon_sales`);
    const [blank, upperStates, inInventory, inPrices, first, last] = rows[0]!;
    expect(blank).toBeGreaterThan(0);
    expect(upperStates).toBe(0);
    expect(inInventory).toBeGreaterThan(0.85);
    expect(inPrices).toBeGreaterThan(0.5);
    expect(first! >= '2022-03-31' && last! <= '2022-06-29').toBe(true);
  });
});
