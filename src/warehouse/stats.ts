import type { Cell, Warehouse } from './types.js';

/**
 * The summary statistics of the order data (`retail-insights stats`), kept here so summary mode can reuse the
 * same SQL. Revenue is gross SUM(amount) over all order lines (blank amounts count as 0), as public analyses of
 * this data use; net revenue excludes cancelled lines; orders are distinct order ids.
 */
export interface StatsTotals {
  orderLines: number;
  orders: number;
  units: number;
  revenue: number;
  netRevenue: number;
  cancelledLines: number;
  cancellationRate: number;
  averageOrderValue: number;
  from: string | null;
  to: string | null;
}

export interface StatsRow {
  key: string | null;
  revenue: number;
  orders: number;
  units: number;
  orderLines: number;
  share: number;
}

export interface WarehouseStats {
  totals: StatsTotals;
  byCategory: StatsRow[];
  byState: StatsRow[];
  byStatus: StatsRow[];
  byMonth: StatsRow[];
  international: {
    lines: number;
    pieces: number;
    grossAmount: number;
    from: string | null;
    to: string | null;
  };
  inventory: { skus: number; stock: number };
}

export const STATS_TOTALS_SQL = `
SELECT COUNT(*) AS order_lines,
       COUNT(DISTINCT order_id) AS orders,
       COALESCE(SUM(qty), 0) AS units,
       COALESCE(SUM(amount), 0) AS revenue,
       COALESCE(SUM(amount) FILTER (WHERE status <> 'Cancelled'), 0) AS net_revenue,
       COUNT(*) FILTER (WHERE status = 'Cancelled') AS cancelled_lines,
       MIN(order_date) AS date_from,
       MAX(order_date) AS date_to
  FROM amazon_sales`;

/** Revenue, orders, units and lines by one dimension expression, with the share of total revenue. */
export function statsByDimensionSql(dimension: string): string {
  return `
SELECT ${dimension} AS key,
       COALESCE(SUM(amount), 0) AS revenue,
       COUNT(DISTINCT order_id) AS orders,
       COALESCE(SUM(qty), 0) AS units,
       COUNT(*) AS order_lines,
       COALESCE(SUM(amount), 0) / NULLIF(SUM(SUM(amount)) OVER (), 0) AS share
  FROM amazon_sales
 GROUP BY 1
 ORDER BY revenue DESC, order_lines DESC, key NULLS LAST`;
}

export const STATS_BY_MONTH_SQL = statsByDimensionSql(
  `STRFTIME(DATE_TRUNC('month', order_date), '%Y-%m')`,
).replace('ORDER BY revenue DESC, order_lines DESC, key NULLS LAST', 'ORDER BY key');

export const STATS_INTERNATIONAL_SQL = `
SELECT COUNT(*), COALESCE(SUM(pcs), 0), COALESCE(SUM(gross_amount), 0), MIN(sale_date), MAX(sale_date)
  FROM international_sales`;

export const STATS_INVENTORY_SQL = `SELECT COUNT(DISTINCT sku), COALESCE(SUM(stock), 0) FROM inventory`;

export async function computeStats(warehouse: Warehouse): Promise<WarehouseStats> {
  const big = { maxRows: 1000 };
  const [totals, byCategory, byState, byStatus, byMonth, intl, inv] = await Promise.all([
    warehouse.queryTrusted(STATS_TOTALS_SQL),
    warehouse.queryTrusted(statsByDimensionSql('category'), big),
    warehouse.queryTrusted(statsByDimensionSql('ship_state'), big),
    warehouse.queryTrusted(statsByDimensionSql('status'), big),
    warehouse.queryTrusted(STATS_BY_MONTH_SQL, big),
    warehouse.queryTrusted(STATS_INTERNATIONAL_SQL),
    warehouse.queryTrusted(STATS_INVENTORY_SQL),
  ]);
  const t = totals.rows[0]!;
  const orders = num(t[1]);
  const revenue = num(t[3]);
  const lines = num(t[0]);
  const i = intl.rows[0]!;
  const v = inv.rows[0]!;
  return {
    totals: {
      orderLines: lines,
      orders,
      units: num(t[2]),
      revenue,
      netRevenue: num(t[4]),
      cancelledLines: num(t[5]),
      cancellationRate: lines ? num(t[5]) / lines : 0,
      averageOrderValue: orders ? revenue / orders : 0,
      from: str(t[6]),
      to: str(t[7]),
    },
    byCategory: byCategory.rows.map(toRow),
    byState: byState.rows.map(toRow),
    byStatus: byStatus.rows.map(toRow),
    byMonth: byMonth.rows.map(toRow),
    international: {
      lines: num(i[0]),
      pieces: num(i[1]),
      grossAmount: num(i[2]),
      from: str(i[3]),
      to: str(i[4]),
    },
    inventory: { skus: num(v[0]), stock: num(v[1]) },
  };
}

function toRow(row: Cell[]): StatsRow {
  return {
    key: str(row[0]),
    revenue: num(row[1]),
    orders: num(row[2]),
    units: num(row[3]),
    orderLines: num(row[4]),
    share: num(row[5]),
  };
}

function num(cell: Cell | undefined): number {
  return typeof cell === 'number' ? cell : cell == null ? 0 : Number(cell);
}

function str(cell: Cell | undefined): string | null {
  return cell == null ? null : String(cell);
}
