import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileLoadReport, Warehouse } from '../../../src/warehouse/types.js';
import { FIXTURE_DIR, openTestWarehouse, rowsOf } from './fixture-warehouse.js';

describe('loading the raw retailer files (hand-made fixtures with every quirk)', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  const report = (file: string): FileLoadReport => {
    const found = warehouse.loadReport.files.find((f) => f.file === file);
    if (!found) throw new Error(`no report for ${file}`);
    return found;
  };

  beforeAll(async () => {
    ({ warehouse, cleanup } = await openTestWarehouse(FIXTURE_DIR));
  });
  afterAll(async () => cleanup?.());

  it('accounts for every row of every file: read = loaded + rejected', () => {
    for (const file of warehouse.loadReport.files) {
      expect(file.rowsRead, file.file).toBe(file.rowsLoaded + file.rowsRejected);
      expect(
        file.rejected.reduce((s, r) => s + r.count, 0),
        file.file,
      ).toBe(file.rowsRejected);
    }
  });

  it('recognises files by header and reports the ones it cannot', () => {
    expect(report('fixture-Amazon Sale Report.csv').recognisedAs).toBe('amazon_sales');
    expect(report('fixture-International sale Report.csv').recognisedAs).toBe('international_sales');
    expect(report('fixture-Sale Report.csv').recognisedAs).toBe('inventory');
    expect(report('fixture-May-2022.csv').recognisedAs).toBe('price_list');
    expect(report('fixture-P  L March 2021.csv').recognisedAs).toBe('price_list');
    expect(warehouse.loadReport.unrecognisedFiles).toEqual(['Expense IIGF.csv']);
    expect(report('Expense IIGF.csv').notes.join(' ')).toMatch(/not recognised/i);
  });

  it('amazon: rejects bad lines with reasons, keeps the rest (file without a final newline)', async () => {
    const amazon = report('fixture-Amazon Sale Report.csv');
    expect(amazon.rowsRead).toBe(16);
    const reasons = Object.fromEntries(amazon.rejected.map((r) => [r.reason, r.count]));
    expect(reasons).toEqual({
      'malformed CSV line (too many columns)': 1,
      "Date fits none of the column's date formats (MM-DD-YY)": 1,
      'missing Order ID': 1,
      'empty row': 1,
    });
    expect(amazon.rowsLoaded).toBe(12);
    const last = await rowsOf(warehouse, `SELECT * FROM amazon_sales WHERE source_row = 15`);
    expect(last[0]).toMatchObject({
      order_id: '171-0000015-0000015',
      amount: 250.25,
      fulfilled_by: 'Easy Ship',
    });
  });

  it('amazon: the trailing-space header, Unnamed: 22, dates, booleans, postal codes, cities, categories', async () => {
    const rows = await rowsOf(
      warehouse,
      `SELECT source_row, sales_channel, order_date, is_b2b, ship_postal_code, ship_city, category
         FROM amazon_sales ORDER BY source_row`,
    );
    expect(rows[0]).toMatchObject({
      sales_channel: 'Amazon.in',
      order_date: '2022-04-30',
      is_b2b: false,
      ship_postal_code: '400081',
      ship_city: 'Mumbai',
    });
    expect(rows.find((r) => r.source_row === 1)).toMatchObject({ ship_city: 'Bengaluru', category: 'Kurta' });
    expect(rows.find((r) => r.source_row === 3)).toMatchObject({ is_b2b: true, category: 'Western Dress' });
    expect(rows.find((r) => r.source_row === 15)).toMatchObject({ ship_city: 'Hyderabad', is_b2b: true });
    const categories = await rowsOf(warehouse, `SELECT DISTINCT category FROM amazon_sales ORDER BY 1`);
    expect(categories.map((r) => r.category)).toEqual(['Kurta', 'Set', 'Top', 'Western Dress']);
    const columns = warehouse
      .schema()
      .tables.find((t) => t.name === 'amazon_sales')!
      .columns.map((c) => c.name);
    expect(columns).not.toContain('unnamed_22');
    expect(columns).toContain('sales_channel');
  });

  it('amazon: cities become one canonical name; the raw spelling is kept in ship_city_raw ', async () => {
    const rows = await rowsOf(
      warehouse,
      `SELECT ship_city, ship_city_raw FROM amazon_sales WHERE source_row IN (0, 1) ORDER BY source_row`,
    );
    expect(rows).toEqual([
      { ship_city: 'Mumbai', ship_city_raw: 'MUMBAI' },
      { ship_city: 'Bengaluru', ship_city_raw: 'bengaluru' },
    ]);
  });

  it('amazon: blank, #VALUE! and Nill amounts stay NULL (not 0), thousands separators parse', async () => {
    const rows = await rowsOf(
      warehouse,
      `SELECT source_row, amount, currency FROM amazon_sales ORDER BY source_row`,
    );
    const amount = (n: number) => rows.find((r) => r.source_row === n)?.amount;
    expect(amount(2)).toBeNull();
    expect(amount(3)).toBeNull();
    expect(amount(4)).toBeNull();
    expect(amount(10)).toBe(1200.5);
    const notes = report('fixture-Amazon Sale Report.csv').notes.join('\n');
    expect(notes).toMatch(/2 row\(s\) with a blank Amount/);
    expect(notes).toMatch(/2 row\(s\) with a non-numeric Amount/);
    const typed = await rowsOf(warehouse, `SELECT typeof(amount) AS t FROM amazon_sales LIMIT 1`);
    expect(typed[0]?.t).toBe('DECIMAL(18,2)');
  });

  it('amazon: states become one canonical name; non-states are NULL and reported', async () => {
    const rows = await rowsOf(
      warehouse,
      `SELECT source_row, ship_state FROM amazon_sales ORDER BY source_row`,
    );
    const state = Object.fromEntries(rows.map((r) => [r.source_row, r.ship_state]));
    expect(state).toMatchObject({
      0: 'Maharashtra',
      1: 'Karnataka',
      2: 'Rajasthan', // rajshthan
      3: 'Odisha', // orissa
      4: 'Odisha', // Orissa
      5: 'Puducherry', // pondicherry
      6: 'Nagaland', // NL
      7: 'Punjab', // PB
      8: null, // APO (Army Post Office)
      9: 'Delhi', // New Delhi
      10: 'Andaman and Nicobar Islands', // 'ANDAMAN & NICOBAR '
      15: 'Telangana',
    });
    expect(report('fixture-Amazon Sale Report.csv').notes.join('\n')).toMatch(/"APO" \(1\)/);
  });

  it('international: loads only the first section; the SKU list, stock table and repeated section are rejected', async () => {
    const intl = report('fixture-International sale Report.csv');
    expect(intl.rowsRead).toBe(14);
    expect(intl.rowsLoaded).toBe(4);
    const reasons = Object.fromEntries(intl.rejected.map((r) => [r.reason, r.count]));
    expect(reasons['header line of an embedded section']).toBe(3);
    expect(reasons['embedded SKU list (no sales data)']).toBe(2);
    expect(reasons['embedded stock-per-style table (no sales data)']).toBe(2);
    const repeated = Object.entries(reasons).find(([reason]) => /second section/.test(reason));
    expect(repeated?.[1]).toBe(3);
    expect(intl.notes.join('\n')).toMatch(/2 of them match a first-section sale/);
    const rows = await rowsOf(warehouse, `SELECT * FROM international_sales ORDER BY source_row`);
    expect(rows[2]).toMatchObject({
      sale_date: '2021-07-10',
      month: '2021-07-01',
      customer: 'SURE FASHIONS LLC',
      sku: null,
      pcs: 2,
      rate: 1275,
      gross_amount: 2550,
    });
  });

  it('inventory: empty trailing rows and rows without a SKU are rejected; #VALUE! stock is NULL', async () => {
    const inv = report('fixture-Sale Report.csv');
    expect(Object.fromEntries(inv.rejected.map((r) => [r.reason, r.count]))).toEqual({
      'missing SKU Code': 1,
      'empty row': 2,
    });
    const rows = await rowsOf(
      warehouse,
      `SELECT sku, stock, category, color FROM inventory ORDER BY source_row`,
    );
    expect(rows).toEqual([
      { sku: 'AN201-RED-L', stock: 5, category: 'An : Leggings', color: 'Red' },
      { sku: 'JNE3781-KR-XXXL', stock: 12, category: 'Kurta', color: 'Blue' },
      { sku: 'JNE3783-KR-S', stock: null, category: 'Kurta', color: 'Green' },
    ]);
  });

  it('price_list: both files with their month, TP vs TP 1/TP 2, Nill/#VALUE! as NULL; the marketplace view', async () => {
    const rows = await rowsOf(
      warehouse,
      `SELECT valid_month, sku, category, transfer_price, transfer_price_2, amazon_mrp, myntra_mrp
         FROM price_list ORDER BY valid_month, source_row`,
    );
    expect(rows).toEqual([
      {
        valid_month: '2021-03-01',
        sku: 'Os206_3141_S',
        category: 'Kurta',
        transfer_price: 538,
        transfer_price_2: 435.78,
        amazon_mrp: 2295,
        myntra_mrp: 2295,
      },
      {
        valid_month: '2021-03-01',
        sku: 'Os312_S',
        category: 'Kurta Set',
        transfer_price: 635,
        transfer_price_2: 500,
        amazon_mrp: null,
        myntra_mrp: null,
      },
      {
        valid_month: '2022-05-01',
        sku: 'Os206_3141_S',
        category: 'Kurta',
        transfer_price: 540,
        transfer_price_2: null,
        amazon_mrp: 2395,
        myntra_mrp: 2595,
      },
      {
        valid_month: '2022-05-01',
        sku: 'Os312_S',
        category: 'Kurta Set',
        transfer_price: null,
        transfer_price_2: null,
        amazon_mrp: null,
        myntra_mrp: null,
      },
    ]);
    const view = await rowsOf(
      warehouse,
      `SELECT marketplace, mrp FROM price_list_by_marketplace
        WHERE sku = 'Os206_3141_S' AND valid_month = DATE '2022-05-01' ORDER BY marketplace`,
    );
    expect(view).toHaveLength(8);
    expect(view.find((r) => r.marketplace === 'Amazon FBA')?.mrp).toBe(2495);
  });

  it('schema(): every clean table with documented columns, row counts and date coverage', () => {
    const tables = warehouse.schema().tables;
    expect(tables.map((t) => t.name)).toEqual([
      'amazon_sales',
      'international_sales',
      'inventory',
      'price_list',
      'price_list_by_marketplace',
    ]);
    for (const table of tables)
      for (const column of table.columns)
        expect(column.description, `${table.name}.${column.name}`).not.toMatch(/undocumented/);
    const amazon = tables[0]!;
    expect(amazon.rowCount).toBe(12);
    expect(amazon.dateRange).toEqual({ column: 'order_date', from: '2022-04-30', to: '2022-06-29' });
  });
});
