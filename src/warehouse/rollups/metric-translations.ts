/**
 * How each additive catalog metric is computed from a rollup's stored measures. `detailSql` is the catalog's
 * metric SQL this translation was written (and tested) for: when data/catalog.yml changes a metric's SQL, the
 * translation no longer matches and that metric goes to the detail table until someone updates it here, so a
 * changed definition can never silently give different numbers on the rollup path.
 *
 * Counts are cast back to BIGINT (SUM of counts is HUGEINT in DuckDB) and empty FILTERs coalesced to 0 (COUNT
 * FILTER over no rows is 0, SUM FILTER is NULL), so both paths return the same values with the same types.
 */
export interface MetricTranslation {
  detailSql: string;
  rollupSql: string;
  /** Needs the verified per-group distinct order count (only rollups with orderCount have it). */
  needsOrderCount?: boolean;
}

const RETURN_STATUSES =
  "('Shipped - Returned to Seller', 'Shipped - Returning to Seller', 'Shipped - Rejected by Buyer')";
const lines = (filter?: string) =>
  `CAST(COALESCE(SUM(line_count)${filter ? ` FILTER (WHERE ${filter})` : ''}, 0) AS BIGINT)`;

export const METRIC_TRANSLATIONS: Record<string, MetricTranslation> = {
  revenue: { detailSql: 'COALESCE(SUM(amount), 0)', rollupSql: 'COALESCE(SUM(amount_sum), 0)' },
  net_revenue: {
    detailSql: "COALESCE(SUM(amount) FILTER (WHERE status IS DISTINCT FROM 'Cancelled'), 0)",
    rollupSql: "COALESCE(SUM(amount_sum) FILTER (WHERE status IS DISTINCT FROM 'Cancelled'), 0)",
  },
  order_lines: { detailSql: 'COUNT(*)', rollupSql: lines() },
  units: { detailSql: 'COALESCE(SUM(qty), 0)', rollupSql: 'COALESCE(SUM(qty_sum), 0)' },
  cancel_rate: {
    detailSql: "COUNT(*) FILTER (WHERE status = 'Cancelled') / NULLIF(COUNT(*), 0)",
    rollupSql: `${lines("status = 'Cancelled'")} / NULLIF(${lines()}, 0)`,
  },
  // Distinct orders: exact only on a rollup whose groups never split an order (verified when it is built).
  orders: {
    detailSql: 'COUNT(DISTINCT order_id)',
    rollupSql: 'CAST(COALESCE(SUM(order_count), 0) AS BIGINT)',
    needsOrderCount: true,
  },
  aov: {
    detailSql: 'COALESCE(SUM(amount), 0) / NULLIF(COUNT(DISTINCT order_id), 0)',
    rollupSql: 'COALESCE(SUM(amount_sum), 0) / NULLIF(CAST(COALESCE(SUM(order_count), 0) AS BIGINT), 0)',
    needsOrderCount: true,
  },
  cancelled_orders: {
    detailSql: "COUNT(DISTINCT order_id) FILTER (WHERE status = 'Cancelled')",
    rollupSql: "CAST(COALESCE(SUM(order_count) FILTER (WHERE status = 'Cancelled'), 0) AS BIGINT)",
    needsOrderCount: true,
  },
  return_rate: {
    detailSql: `COUNT(*) FILTER (WHERE status IN ${RETURN_STATUSES}) / NULLIF(COUNT(*) FILTER (WHERE status LIKE 'Shipped%'), 0)`,
    rollupSql: `${lines(`status IN ${RETURN_STATUSES}`)} / NULLIF(${lines("status LIKE 'Shipped%'")}, 0)`,
  },
  returns: {
    detailSql: `COUNT(*) FILTER (WHERE status IN ${RETURN_STATUSES})`,
    rollupSql: lines(`status IN ${RETURN_STATUSES}`),
  },
  b2b_share: {
    detailSql: 'COALESCE(SUM(amount) FILTER (WHERE is_b2b), 0) / NULLIF(SUM(amount), 0)',
    rollupSql: 'COALESCE(SUM(amount_sum) FILTER (WHERE is_b2b), 0) / NULLIF(SUM(amount_sum), 0)',
  },
  avg_price: {
    detailSql: 'SUM(amount) / NULLIF(SUM(qty) FILTER (WHERE amount IS NOT NULL), 0)',
    rollupSql: 'SUM(amount_sum) / NULLIF(SUM(qty_with_amount_sum), 0)',
  },
};
