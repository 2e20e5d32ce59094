import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Cell, QueryResult } from '../../../src/warehouse/types.js';

/**
 * Real-data results for the chart tests, computed straight from the Kaggle CSV with DuckDB (not through the
 * warehouse, so these tests only depend on the file). Column names follow the compiler's convention: one column per
 * dimension id, one per metric id, "share", "<metric>_previous".
 */
export const AMAZON_CSV = join(
  import.meta.dirname,
  '../../../../shared/datasets/ecommerce-sales/Amazon Sale Report.csv',
);

export const hasRealData = existsSync(AMAZON_CSV);

const CLEAN = (csv: string): string => `
  CREATE TABLE amazon_sales AS
  SELECT "Order ID" AS order_id,
         strptime("Date", '%m-%d-%y')::DATE AS order_date,
         "Status" AS status,
         "Category" AS category,
         "Size" AS size,
         upper(trim("ship-state")) AS state,
         "Qty"::INTEGER AS qty,
         TRY_CAST("Amount" AS DECIMAL(18,2)) AS amount
  FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true)`;

export interface RealData {
  query(sql: string): Promise<QueryResult>;
  close(): void;
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    // DECIMAL and BIGINT come back from getRowsJson as strings; the warehouse hands numbers to the app.
    return value;
  }
  return String(value);
}

export async function openRealData(): Promise<RealData> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(CLEAN(AMAZON_CSV));
  return {
    async query(sql: string): Promise<QueryResult> {
      const started = performance.now();
      const reader = await connection.runAndReadAll(sql);
      const types = reader.columnTypes().map((t) => t.toString());
      const numeric = types.map((t) => /^(DECIMAL|BIGINT|HUGEINT|INTEGER|DOUBLE|FLOAT)/.test(t));
      const rows = reader
        .getRowsJson()
        .map((r) => r.map((v, i) => (numeric[i] && v !== null ? Number(v) : toCell(v))));
      return {
        columns: reader.columnNames().map((name, i) => ({ name, type: types[i] ?? 'VARCHAR' })),
        rows,
        truncated: false,
        elapsedMs: performance.now() - started,
      };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The queries the golden tests chart: name → SQL in the compiler's column naming. */
export const REAL_QUERIES = {
  revenueByMonth: `
    SELECT strftime(date_trunc('month', order_date), '%Y-%m-%d') AS month, SUM(amount) AS revenue
    FROM amazon_sales WHERE order_date >= DATE '2022-04-01' GROUP BY 1 ORDER BY 1`,
  revenueByDay: `
    SELECT strftime(order_date, '%Y-%m-%d') AS day, SUM(amount) AS revenue
    FROM amazon_sales WHERE order_date >= DATE '2022-04-01' GROUP BY 1 ORDER BY 1`,
  revenueByState: `
    SELECT state, SUM(amount) AS revenue FROM amazon_sales
    WHERE order_date BETWEEN DATE '2022-04-01' AND DATE '2022-06-30'
    GROUP BY 1 ORDER BY 2 DESC`,
  revenueByCategory: `
    SELECT category, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC`,
  ordersShareByStatus: `
    SELECT CASE WHEN status = 'Cancelled' THEN 'Cancelled'
                WHEN status LIKE 'Shipped - Delivered%' THEN 'Delivered'
                WHEN status LIKE 'Shipped - Return%' OR status LIKE '%Rejected%' THEN 'Returned'
                WHEN status = 'Shipped' THEN 'Shipped'
                ELSE 'Other' END AS status,
           COUNT(DISTINCT order_id) AS orders,
           COUNT(DISTINCT order_id) / SUM(COUNT(DISTINCT order_id)) OVER () AS share
    FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC`,
  revenueBySizeCategory: `
    SELECT size, category, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1, 2 ORDER BY 1, 2`,
  weeklyRevenueByCategory: `
    SELECT strftime(date_trunc('week', order_date), '%Y-%m-%d') AS week, category, SUM(amount) AS revenue
    FROM amazon_sales WHERE order_date >= DATE '2022-04-04' AND order_date < DATE '2022-06-27'
    GROUP BY 1, 2 ORDER BY 1, 2`,
  revenueByCategoryJuneVsMay: `
    SELECT category,
           SUM(amount) FILTER (WHERE order_date BETWEEN DATE '2022-06-01' AND DATE '2022-06-30') AS revenue,
           SUM(amount) FILTER (WHERE order_date BETWEEN DATE '2022-05-01' AND DATE '2022-05-31') AS revenue_previous
    FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC NULLS LAST`,
  cancelRateByCategory: `
    SELECT category, COUNT(*) FILTER (WHERE status = 'Cancelled') / COUNT(*) AS cancel_rate
    FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC`,
  topCitiesLikeSkus: `
    SELECT category || ' / ' || size AS sku, SUM(amount) AS revenue FROM amazon_sales GROUP BY 1 ORDER BY 2 DESC`,
} as const;
