import { DuckDBInstance } from '@duckdb/node-api';
import type { Cell } from '../../../src/warehouse/types.js';

/**
 * A small in-memory DuckDB with the clean schema of src/warehouse/types.ts and hand-made rows whose totals are
 * easy to check by eye. Shared by the compiler and planner tests.
 */
export interface FixtureDb {
  query(sql: string): Promise<Cell[][]>;
  close(): void;
}

const AMAZON_ROWS: [
  string,
  string,
  string,
  string,
  string,
  number,
  number | null,
  string,
  string,
  boolean,
  string | null,
][] = [
  // order_id, date, status, category, size, qty, amount, city, state, b2b, fulfilment(+promotion marker)
  ['o1', '2022-04-05', 'Shipped', 'Set', 'M', 1, 1000, 'MUMBAI', 'MAHARASHTRA', false, 'Amazon'],
  ['o1', '2022-04-05', 'Shipped', 'Kurta', 'L', 2, 500, 'MUMBAI', 'MAHARASHTRA', false, 'Amazon'],
  ['o2', '2022-04-20', 'Cancelled', 'Kurta', 'S', 0, null, 'BENGALURU', 'KARNATAKA', false, 'Merchant'],
  [
    'o3',
    '2022-05-02',
    'Shipped - Delivered to Buyer',
    'Set',
    'XL',
    1,
    1200,
    'BENGALURU',
    'KARNATAKA',
    true,
    'Amazon',
  ],
  [
    'o4',
    '2022-05-15',
    'Shipped - Returned to Seller',
    'Top',
    'M',
    1,
    300,
    'Hyderabad',
    'TELANGANA',
    false,
    'Merchant',
  ],
  ['o5', '2022-05-31', 'Shipped', "Men's Kurta", 'M', 3, 900, 'PUNE', 'MAHARASHTRA', false, 'Amazon'],
  ['o6', '2022-06-01', 'Shipped', 'Kurta', 'M', 1, 450, 'CHENNAI', 'TAMIL NADU', false, 'Amazon'],
  ['o7', '2022-06-10', 'Cancelled', 'Set', 'L', 0, 800, 'HYDERABAD', 'TELANGANA', false, 'Merchant'],
  [
    'o8',
    '2022-06-29',
    'Shipped',
    'Western Dress',
    'S',
    1,
    700,
    'BENGALURU 560037',
    'KARNATAKA',
    false,
    'Amazon',
  ],
];

export async function createFixtureDb(): Promise<FixtureDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`CREATE TABLE amazon_sales (source_row INTEGER, order_id VARCHAR, order_date DATE, status VARCHAR,
    fulfilment VARCHAR, sales_channel VARCHAR, ship_service_level VARCHAR, style VARCHAR, sku VARCHAR, category VARCHAR,
    size VARCHAR, asin VARCHAR, courier_status VARCHAR, qty INTEGER, currency VARCHAR, amount DECIMAL(18,2),
    ship_city VARCHAR, ship_state VARCHAR, ship_postal_code VARCHAR, ship_country VARCHAR, promotion_ids VARCHAR,
    is_b2b BOOLEAN, fulfilled_by VARCHAR)`);
  let row = 0;
  for (const [id, date, status, category, size, qty, amount, city, state, b2b, fulfilment] of AMAZON_ROWS) {
    const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
    await c.run(
      `INSERT INTO amazon_sales VALUES (${row++}, ${lit(id)}, DATE ${lit(date)}, ${lit(status)}, ${lit(fulfilment ?? 'Amazon')},
      'Amazon.in', 'Standard', 'ST${row}', 'SKU${row}', ${lit(category)}, ${lit(size)}, 'A${row}', NULL, ${qty}, 'INR',
      ${amount === null ? 'NULL' : amount}, ${lit(city)}, ${lit(state)}, '400001', 'IN', ${row % 2 ? "'PROMO'" : 'NULL'},
      ${b2b}, NULL)`,
    );
  }
  await c.run(`CREATE TABLE international_sales (source_row INTEGER, sale_date DATE, month DATE, customer VARCHAR,
    style VARCHAR, sku VARCHAR, size VARCHAR, pcs INTEGER, rate DECIMAL(18,2), gross_amount DECIMAL(18,2))`);
  await c.run(`INSERT INTO international_sales VALUES
    (0, DATE '2022-04-10', DATE '2022-04-01', 'ACME BOUTIQUE', 'MEN1', 'MEN1-L', 'L', 2, 500, 1000),
    (1, DATE '2022-05-11', DATE '2022-05-01', 'RIVAAN LLC', 'MEN1', 'MEN1-M', 'M', 1, 700, 700)`);
  await c.run(`CREATE TABLE inventory (source_row INTEGER, sku VARCHAR, design_no VARCHAR, stock INTEGER,
    category VARCHAR, size VARCHAR, color VARCHAR)`);
  await c.run(`INSERT INTO inventory VALUES (0, 'K1-L', 'K1', 5, 'Kurta', 'L', 'Blue'), (1, 'K1-M', 'K1', 7, 'Kurta', 'M', 'Blue'),
    (2, 'S1-M', 'S1', 3, 'Set', 'M', 'Red')`);
  await c.run(`CREATE VIEW price_list_by_marketplace AS SELECT * FROM (VALUES
    (DATE '2022-05-01', 'K1-L', 'K1', 'Kurta', 'Flipkart', 1000.00::DECIMAL(18,2)),
    (DATE '2022-05-01', 'K1-L', 'K1', 'Kurta', 'Amazon', 1200.00::DECIMAL(18,2))
  ) t(valid_month, sku, style_id, category, marketplace, mrp)`);
  return {
    async query(sql) {
      const r = await c.runAndReadAll(sql);
      return r.getRowsJson().map((row) => row.map((v) => normalise(v)));
    },
    close() {
      c.closeSync();
      instance.closeSync();
    },
  };
}

function normalise(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}
