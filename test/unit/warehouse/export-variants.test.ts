import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestWarehouse, rowsOf } from './fixture-warehouse.js';
import {
  amazonCsv,
  dataDirWith,
  LATER_AMAZON_HEADER,
  ORIGINAL_AMAZON_HEADER,
  TEN_ORDERS,
  type OrderLine,
} from './variant-files.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function open(files: Record<string, string>) {
  const dataDir = await dataDirWith(files);
  const opened = await openTestWarehouse(dataDir, { DATA_LOAD_POLICY: 'warn' });
  cleanups.push(async () => {
    await opened.cleanup();
    await rm(dirname(dataDir), { recursive: true, force: true });
  });
  const file = (name: string) => opened.warehouse.loadReport.files.find((f) => f.file === name)!;
  return { ...opened, file };
}

const total = (orders: OrderLine[]) => orders.reduce((s, o) => s + Number(o.amount), 0);

describe('export variants of the Amazon order report', () => {
  it('the later public copy (no Style/SKU/ASIN/promotion-ids, empty New and PendingS, mixed dates) loads', async () => {
    const orders = TEN_ORDERS.map((o, n) => ({
      ...o,
      // Mixed in one column, as that copy has them: 04-30-22 and 04-12-2022.
      date: n % 3 === 0 ? `${o.date.slice(0, 6)}20${o.date.slice(6)}` : o.date,
      category: n % 2 ? 'T-shirt' : 'Shirt',
    }));
    const { warehouse, file } = await open({
      'Amazon Sale Report.csv': amazonCsv(LATER_AMAZON_HEADER, orders),
    });
    const report = file('Amazon Sale Report.csv');
    expect(report.recognisedAs).toBe('amazon_sales');
    expect(report.rowsLoaded).toBe(10);
    expect(report.missingColumns).toEqual(['style', 'sku', 'asin', 'promotion_ids']);
    const notes = report.notes.join('\n');
    expect(notes).toMatch(/no column for style, sku, asin, promotion_ids: loaded as NULL/);
    expect(notes).toMatch(/not used.*"New", "PendingS"/);
    expect(notes).toMatch(/Date holds 2 date formats MM-DD-YY \(6 rows\), MM-DD-YYYY \(4 rows\)/);
    const [sums] = await rowsOf(
      warehouse,
      `SELECT SUM(amount) AS revenue, COUNT(sku) AS skus, MIN(order_date) AS first, MAX(order_date) AS last
         FROM amazon_sales`,
    );
    expect(sums).toEqual({ revenue: total(orders), skus: 0, first: '2022-04-01', last: '2022-06-29' });
    const categories = await rowsOf(warehouse, `SELECT DISTINCT category FROM amazon_sales ORDER BY 1`);
    expect(categories.map((r) => r.category)).toEqual(['Shirt', 'T-shirt']);
  });

  it('MM-DD wins over DD-MM when a value says so: 04-12-2022 beside 04-30-2022 is 12 April', async () => {
    const orders: OrderLine[] = [
      { id: 'a', date: '04-30-2022', category: 'Set', amount: '10' },
      { id: 'b', date: '04-12-2022', category: 'Set', amount: '20' },
      { id: 'c', date: '2022-05-03', category: 'Set', amount: '30' },
      { id: 'd', date: 'sometime in May', category: 'Set', amount: '40' },
    ];
    const { warehouse, file } = await open({ 'orders.csv': amazonCsv(ORIGINAL_AMAZON_HEADER, orders) });
    const rows = await rowsOf(warehouse, `SELECT order_id, order_date FROM amazon_sales ORDER BY order_id`);
    expect(rows).toEqual([
      { order_id: 'a', order_date: '2022-04-30' },
      { order_id: 'b', order_date: '2022-04-12' },
      { order_id: 'c', order_date: '2022-05-03' },
    ]);
    const report = file('orders.csv');
    expect(report.rejected).toEqual([
      {
        reason: "Date fits none of the column's date formats (MM-DD-YYYY, YYYY-MM-DD)",
        count: 1,
        exampleRows: [3],
      },
    ]);
    expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsRejected);
  });

  it('columns reordered, renamed within reason (OrderID, Quantity, City, State) and added still load', async () => {
    const header = [
      'Quantity',
      'Amount',
      'State',
      'OrderID',
      'Order Date',
      'Status',
      'City',
      'Category',
      'Gift Wrap',
    ];
    const text = amazonCsv(
      header.filter((h) => h !== 'Gift Wrap'),
      TEN_ORDERS.map((o) => ({ ...o, state: 'karnataka', city: 'Bangalore' })),
    )
      .split('\n')
      .map((line, i) => `${line},${i === 0 ? 'Gift Wrap' : 'no'}`)
      .join('\n');
    const { warehouse, file } = await open({ 'Amazon Sale Report.csv': text });
    const report = file('Amazon Sale Report.csv');
    expect(report.recognisedAs).toBe('amazon_sales');
    expect(report.notes.join('\n')).toContain(
      'read under another name: "Order Date" as date, "Quantity" as qty, "City" as ship_city, "State" as ship_state.',
    );
    expect(report.notes.join('\n')).toMatch(/not used.*"Gift Wrap"/);
    const [row] = await rowsOf(
      warehouse,
      `SELECT SUM(amount) AS revenue, SUM(qty) AS units, MIN(ship_state) AS state,
              MIN(ship_city) AS city, MIN(ship_city_raw) AS raw_city FROM amazon_sales`,
    );
    expect(row).toEqual({
      revenue: total(TEN_ORDERS),
      units: 10,
      state: 'Karnataka',
      city: 'Bengaluru',
      raw_city: 'Bangalore',
    });
    expect(report.notes.join('\n')).toMatch(
      /10 row\(s\) with a city written with a PIN code, .*mapped to one canonical city; the raw value is kept in ship_city_raw/,
    );
  });
});
