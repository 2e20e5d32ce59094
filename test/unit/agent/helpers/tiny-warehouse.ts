import { DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../../../src/errors.js';
import type { Cell, QueryResult, SchemaInfo, Warehouse } from '../../../../src/warehouse/types.js';

/**
 * A small in-memory DuckDB with the clean amazon_sales table and a handful of hand-made rows, so node and graph
 * tests know every expected number. It records every statement it was asked to run; queryGuarded accepts only a
 * single SELECT, checked with DuckDB's own parser (the real guard does much more; this is enough for the agent's
 * tests to prove nothing else ever reaches the database).
 */
export interface TinyWarehouse extends Warehouse {
  calls: { kind: 'trusted' | 'guarded'; sql: string }[];
  /** Statements that actually executed (after the guard). */
  executed: string[];
  rowCount(): Promise<number>;
}

// order_id, order_date, status, category, size, qty, amount, ship_state, ship_city, is_b2b
export const TINY_ROWS: [
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
][] = [
  ['o1', '2022-04-05', 'Shipped', 'Set', 'M', 1, 1000, 'Maharashtra', 'MUMBAI', false],
  ['o2', '2022-04-10', 'Shipped', 'Kurta', 'L', 2, 600, 'Karnataka', 'BENGALURU', false],
  ['o3', '2022-04-20', 'Cancelled', 'Set', 'S', 0, null, 'Maharashtra', 'PUNE', false],
  ['o4', '2022-05-03', 'Shipped', 'Set', 'M', 1, 1200, 'Maharashtra', 'MUMBAI', true],
  ['o4', '2022-05-03', 'Shipped', 'Kurta', 'M', 1, 400, 'Maharashtra', 'MUMBAI', true],
  ['o5', '2022-05-15', 'Shipped', 'Western Dress', 'XL', 1, 800, 'Tamil Nadu', 'CHENNAI', false],
  ['o6', '2022-05-28', 'Cancelled', 'Kurta', 'L', 0, 350, 'Karnataka', 'BENGALURU', false],
  ['o7', '2022-06-02', 'Shipped', 'Set', 'L', 2, 2000, 'Tamil Nadu', 'CHENNAI', false],
  ['o8', '2022-06-12', 'Shipped', 'Kurta', 'S', 1, 500, 'Maharashtra', 'PUNE', false],
  ['o9', '2022-06-21', 'Shipped', 'Set', 'M', 1, 1100, 'Karnataka', 'BENGALURU', false],
  ['o10', '2022-06-26', 'Shipped', 'Kurta', 'M', 1, 450, 'Maharashtra', 'MUMBAI', false],
  ['o11', '2022-06-29', 'Cancelled', 'Set', 'XL', 0, null, 'Tamil Nadu', 'CHENNAI', false],
];

export type TinyRow = (typeof TINY_ROWS)[number];

/** The tiny warehouse, or one over rows a test generates (its date range and fingerprint follow the rows). */
export async function openTinyWarehouse(rows: readonly TinyRow[] = TINY_ROWS): Promise<TinyWarehouse> {
  const dates = rows.map((r) => r[1]).sort();
  const dateRange = {
    column: 'order_date',
    from: dates[0] ?? '2022-04-05',
    to: dates.at(-1) ?? '2022-06-29',
  };
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE amazon_sales (
    source_row INTEGER, order_id VARCHAR, order_date DATE, status VARCHAR, fulfilment VARCHAR, sales_channel VARCHAR,
    ship_service_level VARCHAR, style VARCHAR, sku VARCHAR, category VARCHAR, size VARCHAR, asin VARCHAR,
    courier_status VARCHAR, qty INTEGER, currency VARCHAR, amount DECIMAL(18,2), ship_city VARCHAR, ship_state VARCHAR,
    ship_postal_code VARCHAR, ship_country VARCHAR, promotion_ids VARCHAR, is_b2b BOOLEAN, fulfilled_by VARCHAR)`);
  let i = 0;
  for (const [id, date, status, cat, size, qty, amount, state, city, b2b] of rows) {
    i++;
    await conn.run(
      `INSERT INTO amazon_sales VALUES (${i}, '${id}', DATE '${date}', '${status}', 'Amazon', 'Amazon.in', 'Expedited',
       'ST${i}', 'SKU${i}', '${cat}', '${size}', 'A${i}', 'Shipped', ${qty}, 'INR', ${amount ?? 'NULL'}, '${city}',
       '${state}', '400001', 'IN', NULL, ${b2b}, 'Easy Ship')`,
    );
  }
  const calls: TinyWarehouse['calls'] = [];
  const executed: string[] = [];

  async function run(sql: string): Promise<QueryResult> {
    const started = performance.now();
    executed.push(sql);
    let reader;
    try {
      reader = await conn.runAndReadAll(sql);
    } catch (error) {
      throw new AppError('QUERY_FAILED', 'The query failed.', {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.toString());
    const rows = (reader.getRowsJS() as unknown[][]).map((r) => r.map(toCell));
    return {
      columns: names.map((name, k) => ({ name, type: types[k] ?? 'VARCHAR' })),
      rows,
      truncated: false,
      elapsedMs: performance.now() - started,
    };
  }

  return {
    calls,
    executed,
    async queryTrusted(sql) {
      calls.push({ kind: 'trusted', sql });
      return run(sql);
    },
    async queryGuarded(sql) {
      calls.push({ kind: 'guarded', sql });
      let extracted;
      try {
        extracted = await conn.extractStatements(sql);
      } catch (error) {
        throw new AppError('SQL_INVALID', 'That SQL could not be parsed.', { cause: error });
      }
      if (extracted.count !== 1)
        throw new AppError('SQL_MULTIPLE_STATEMENTS', 'Only one read-only SELECT statement is allowed.');
      const prepared = await extracted.prepare(0).catch((error: unknown) => {
        throw new AppError('QUERY_FAILED', 'The query failed.', {
          cause: error,
          detail: error instanceof Error ? error.message : String(error),
        });
      });
      // StatementType.SELECT is 1 in DuckDB's C API.
      if (prepared.statementType !== 1)
        throw new AppError('SQL_NOT_READ_ONLY', 'Only one read-only SELECT statement is allowed.');
      return run(sql);
    },
    schema(): SchemaInfo {
      return {
        tables: [
          {
            name: 'amazon_sales',
            description: 'Amazon order lines',
            rowCount: rows.length,
            columns: [],
            dateRange,
          },
        ],
      };
    },
    fingerprint: rows === TINY_ROWS ? 'tiny-v1' : `tiny-${rows.length}-${dateRange.from}-${dateRange.to}`,
    // Only the order table is here: questions about the other reports are told they did not load.
    loadReport: {
      dataDir: ':memory:',
      files: [
        {
          file: 'Amazon Sale Report.csv',
          recognisedAs: 'amazon_sales',
          table: 'amazon_sales',
          rowsRead: rows.length,
          rowsLoaded: rows.length,
          rowsRejected: 0,
          rejected: [],
          notes: [],
        },
      ],
      unrecognisedFiles: [],
      fromCache: false,
      elapsedMs: 0,
    },
    async rowCount() {
      const r = await conn.runAndReadAll('SELECT COUNT(*) FROM amazon_sales');
      return Number(r.getRowsJS()[0]![0]);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
