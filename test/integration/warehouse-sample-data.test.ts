import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData } from '../../src/data-gen/generate.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { openTestWarehouse, tempDir } from '../unit/warehouse/fixture-warehouse.js';

/**
 * The contract between the sample-data generator and the loaders: generated raw files (same headers and quirks
 * as the retailer's) load completely, with every row accounted for. Small row count to keep the suite lean.
 */
describe('generated sample data loads through the same loaders', () => {
  const ROWS = 3000;
  let root: string;
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    root = await tempDir('ri-sample-');
    await generateSampleData({ outDir: join(root, 'data'), rows: ROWS, seed: 7, format: 'csv' });
    ({ warehouse, cleanup } = await openTestWarehouse(join(root, 'data')));
  });
  afterAll(async () => {
    await cleanup?.();
    await rm(root, { recursive: true, force: true });
  });

  it('recognises every generated file and loads every order row', async () => {
    const kinds = warehouse.loadReport.files.map((f) => f.recognisedAs);
    expect(kinds).toEqual(
      expect.arrayContaining(['amazon_sales', 'international_sales', 'inventory', 'price_list']),
    );
    const amazon = warehouse.loadReport.files.find((f) => f.recognisedAs === 'amazon_sales')!;
    expect(amazon.rowsRead).toBe(ROWS);
    for (const file of warehouse.loadReport.files)
      expect(file.rowsRead, file.file).toBe(file.rowsLoaded + file.rowsRejected);
    const result = await warehouse.queryGuarded(
      `SELECT COUNT(*), COUNT(*) FILTER (WHERE order_date IS NULL), COUNT(DISTINCT category) FROM amazon_sales`,
    );
    expect(result.rows[0]![1]).toBe(0);
    expect(Number(result.rows[0]![2])).toBeGreaterThan(3);
  });

  it('canonicalises the generated state spellings', async () => {
    const states = await warehouse.queryGuarded(
      'SELECT DISTINCT ship_state FROM amazon_sales WHERE ship_state IS NOT NULL',
    );
    const names = states.rows.map((r) => String(r[0]));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z]/);
  });
});
