import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { compilePlan } from '../../../src/semantic/compile-plan.js';
import { parsePlan, type PlanInput } from '../../../src/semantic/plan.js';
import { createRollupRouter, routePlan } from '../../../src/semantic/rollup-router.js';
import { translateMetric } from '../../../src/warehouse/rollups/metric-translations.js';
import { ROLLUPS } from '../../../src/warehouse/rollups/rollup-definitions.js';

const catalog = loadCatalog();
const may = { from: '2022-05-01', to: '2022-05-31', label: 'May 2022' };
const target = (input: PlanInput) => {
  const d = routePlan(parsePlan(input), catalog);
  return d.target === 'rollup' ? d.table : 'detail';
};

describe('rollup routing', () => {
  it('sends additive metrics over kept dimensions to the smallest covering rollup', () => {
    expect(target({ source: 'amazon_sales', metrics: ['revenue'] })).toBe('amazon_orders_daily');
    expect(target({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['state'] })).toBe(
      'amazon_orders_daily',
    );
    expect(target({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['category'] })).toBe(
      'amazon_orders_daily_category',
    );
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['revenue', 'units'],
        groupBy: ['state'],
        filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
        timeRange: may,
        compareTo: 'previous_period',
      }),
    ).toBe('amazon_orders_daily_category');
    expect(
      target({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['category', 'courier_status'] }),
    ).toBe('amazon_sales_daily');
    expect(
      target({ source: 'amazon_sales', metrics: ['cancel_rate'], groupBy: ['month', 'fulfilment'] }),
    ).toBe('amazon_orders_daily');
  });

  it('uses the product rollup for size and promotion', () => {
    expect(target({ source: 'amazon_sales', metrics: ['units'], groupBy: ['size'] })).toBe(
      'amazon_orders_daily_size',
    );
    expect(target({ source: 'amazon_sales', metrics: ['units'], groupBy: ['size', 'category'] })).toBe(
      'amazon_sales_daily_product',
    );
    const d = routePlan(
      parsePlan({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['promotion'] }),
      catalog,
    );
    expect(d.target).toBe('rollup');
    // The promotion flag is an expression on the detail table and a stored column in the rollup.
    expect(
      compilePlan(
        parsePlan({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['promotion'] }),
        d.catalog,
      ).sql,
    ).toContain('CASE WHEN has_promotion THEN');
  });

  it('counts orders from the order-level rollup, and per category or size only within one value', () => {
    expect(target({ source: 'amazon_sales', metrics: ['orders'] })).toBe('amazon_orders_daily');
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['aov', 'revenue'],
        groupBy: ['month', 'state'],
        timeRange: may,
      }),
    ).toBe('amazon_orders_daily');
    expect(target({ source: 'amazon_sales', metrics: ['cancelled_orders'], groupBy: ['fulfilment'] })).toBe(
      'amazon_orders_daily',
    );
    // An order can hold a Kurta line and a Set line: it is counted under each category, so the per-category
    // rollup answers only when every result row stays within one category.
    expect(target({ source: 'amazon_sales', metrics: ['orders'], groupBy: ['category'] })).toBe(
      'amazon_orders_daily_category',
    );
    expect(
      target({ source: 'amazon_sales', metrics: ['aov'], groupBy: ['month', 'category'], timeRange: may }),
    ).toBe('amazon_orders_daily_category');
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['orders'],
        filters: [{ dimension: 'size', op: 'in', values: ['M'] }],
      }),
    ).toBe('amazon_orders_daily_size');
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['orders'],
        groupBy: ['state'],
        filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
      }),
    ).toBe('amazon_orders_daily_category');
    // Two categories, or all but one, in one row: an order with both would be counted twice.
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['orders'],
        filters: [{ dimension: 'category', op: 'in', values: ['Kurta', 'Set'] }],
      }),
    ).toBe('detail');
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['orders'],
        groupBy: ['state'],
        filters: [{ dimension: 'size', op: 'not_in', values: ['M'] }],
      }),
    ).toBe('detail');
    // Category and size together: no rollup keeps both with order counts.
    expect(target({ source: 'amazon_sales', metrics: ['orders'], groupBy: ['category', 'size'] })).toBe(
      'detail',
    );
    // Without the verified orders rollups in the database, order counts read the detail table.
    const withoutOrders = createRollupRouter(['amazon_sales_daily', 'amazon_sales_daily_product']);
    expect(
      withoutOrders.route(parsePlan({ source: 'amazon_sales', metrics: ['orders'] }), catalog).target,
    ).toBe('detail');
    expect(
      withoutOrders.route(
        parsePlan({ source: 'amazon_sales', metrics: ['orders'], groupBy: ['category'] }),
        catalog,
      ).target,
    ).toBe('detail');
  });

  it("reads a share's total of orders from a rollup whose counts add up across categories", () => {
    const plan = parsePlan({
      source: 'amazon_sales',
      metrics: ['orders'],
      groupBy: ['category'],
      share: true,
    });
    const d = routePlan(plan, catalog);
    expect(d.target === 'rollup' && d.table).toBe('amazon_orders_daily_category');
    const sql = compilePlan(plan, d.catalog).sql;
    expect(sql).toMatch(/total AS \(SELECT .* FROM "amazon_orders_daily"/);
    // Without the order-level rollup, the total has nowhere exact to come from.
    const onlySplit = createRollupRouter(['amazon_orders_daily_category']);
    expect(onlySplit.route(plan, catalog).target).toBe('detail');
    // A share of revenue adds up anywhere: the total reads the same rollup.
    const revenue = parsePlan({
      source: 'amazon_sales',
      metrics: ['revenue', 'orders'],
      groupBy: ['category'],
      share: true,
    });
    const r = routePlan(revenue, catalog);
    expect(compilePlan(revenue, r.catalog).sql).toMatch(
      /total AS \(SELECT .* FROM "amazon_orders_daily_category"/,
    );
  });

  it('sends other distinct counts and unrolled dimensions to the detail table', () => {
    expect(target({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['city'] })).toBe('detail');
    expect(
      target({
        source: 'amazon_sales',
        metrics: ['revenue'],
        filters: [{ dimension: 'sku', op: 'in', values: ['JNE3781-KR-XXXL'] }],
      }),
    ).toBe('detail');
    // State and promotion are in different rollups; no single rollup keeps both.
    expect(target({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['state', 'promotion'] })).toBe(
      'detail',
    );
    expect(target({ source: 'inventory', metrics: ['stock'], groupBy: ['category'] })).toBe('detail');
  });

  it('reads the rollup table in the compiled SQL, the detail table otherwise', () => {
    const plan = parsePlan({
      source: 'amazon_sales',
      metrics: ['revenue'],
      groupBy: ['category'],
      share: true,
    });
    const routed = compilePlan(plan, routePlan(plan, catalog).catalog).sql;
    expect(routed).toContain('FROM "amazon_orders_daily_category"');
    expect(routed).not.toContain('FROM "amazon_sales"');
    expect(routed).toContain('SUM(amount_sum)');
    const detail = compilePlan(
      parsePlan({ source: 'amazon_sales', metrics: ['orders'], groupBy: ['category', 'size'] }),
      catalog,
    ).sql;
    expect(detail).toContain('FROM "amazon_sales"');
  });

  it("follows a metric's SQL when the catalog changes it, and reads the detail table when it has no rollup form", () => {
    const withRevenue = (sql: string) => ({
      ...catalog,
      metrics: { ...catalog.metrics, revenue: { ...catalog.metrics.revenue!, sql } },
    });
    const plan = parsePlan({ source: 'amazon_sales', metrics: ['revenue'] });
    const changed = routePlan(plan, withRevenue('SUM(amount) * 1.18'));
    expect(changed.target).toBe('rollup');
    expect(changed.catalog.metrics.revenue!.sql).toBe('SUM(amount_sum) * 1.18');
    // An aggregate of an expression, another aggregate, or a filter on a column no rollup keeps: detail.
    for (const sql of [
      'SUM(amount * 1.18)',
      'MEDIAN(amount)',
      "SUM(amount) FILTER (WHERE ship_city = 'Pune')",
    ])
      expect(routePlan(plan, withRevenue(sql)).target, sql).toBe('detail');
    // A filter column only some rollups keep: the smallest rollup that keeps it.
    const bySize = routePlan(plan, withRevenue("COALESCE(SUM(amount) FILTER (WHERE size = 'M'), 0)"));
    expect(bySize.target === 'rollup' && bySize.table).toBe('amazon_orders_daily_size');
  });

  it('uses only the rollups present in the database', () => {
    const onlyProduct = createRollupRouter(['amazon_sales_daily_product']);
    const d = onlyProduct.route(
      parsePlan({ source: 'amazon_sales', metrics: ['revenue'], groupBy: ['category'] }),
      catalog,
    );
    expect(d.target === 'rollup' && d.table).toBe('amazon_sales_daily_product');
    const none = createRollupRouter([]);
    expect(none.route(parsePlan({ source: 'amazon_sales', metrics: ['revenue'] }), catalog).target).toBe(
      'detail',
    );
  });

  it("derives each metric's rollup form from its catalog SQL, and distinct counts only as verified order counts", () => {
    const lines = (filter?: string) =>
      `CAST(COALESCE(SUM(line_count)${filter ? ` FILTER (WHERE ${filter})` : ''}, 0) AS BIGINT)`;
    const returned =
      "status IN ('Shipped - Returned to Seller', 'Shipped - Returning to Seller', 'Shipped - Rejected by Buyer')";
    // The translations once written by hand next to the catalog (and tested against the detail path).
    const expected: Record<string, string> = {
      revenue: 'COALESCE(SUM(amount_sum), 0)',
      net_revenue: "COALESCE(SUM(amount_sum) FILTER (WHERE status IS DISTINCT FROM 'Cancelled'), 0)",
      order_lines: lines(),
      units: 'COALESCE(SUM(qty_sum), 0)',
      cancel_rate: `${lines("status = 'Cancelled'")} / NULLIF(${lines()}, 0)`,
      orders: 'CAST(COALESCE(SUM(order_count), 0) AS BIGINT)',
      aov: 'COALESCE(SUM(amount_sum), 0) / NULLIF(CAST(COALESCE(SUM(order_count), 0) AS BIGINT), 0)',
      cancelled_orders: "CAST(COALESCE(SUM(order_count) FILTER (WHERE status = 'Cancelled'), 0) AS BIGINT)",
      return_rate: `${lines(returned)} / NULLIF(${lines("status LIKE 'Shipped%'")}, 0)`,
      returns: lines(returned),
      b2b_share: 'COALESCE(SUM(amount_sum) FILTER (WHERE is_b2b), 0) / NULLIF(SUM(amount_sum), 0)',
      avg_price: 'SUM(amount_sum) / NULLIF(SUM(qty_with_amount_sum), 0)',
      units_per_order: 'COALESCE(SUM(qty_sum), 0) / NULLIF(CAST(COALESCE(SUM(order_count), 0) AS BIGINT), 0)',
      // Added in the catalog alone after the hand-written list: derived the same way.
      shipped_lines: lines("status LIKE 'Shipped%'"),
    };
    const derived = Object.fromEntries(
      Object.entries(catalog.metrics)
        .filter(([, m]) => m.source === 'amazon_sales')
        .map(([id, m]) => [id, translateMetric(m.sql)?.rollupSql]),
    );
    expect(derived).toEqual({
      ...expected,
      daily_revenue: undefined,
      daily_orders: undefined,
      daily_net_revenue: undefined,
    });
    for (const [id, m] of Object.entries(catalog.metrics)) {
      const t = translateMetric(m.sql);
      if (t && /COUNT\s*\(\s*DISTINCT/i.test(m.sql))
        expect(t.needsOrderCount && /DISTINCT order_id/.test(m.sql), id).toBe(true);
    }
    expect(translateMetric('COUNT(DISTINCT sku)')).toBeUndefined();
    expect(translateMetric("COUNT(*) FILTER (WHERE lower(status) = 'x')")).toBeUndefined();
    expect(translateMetric("SUM(amount) + 'x'")).toBeUndefined();
  });

  it("keeps every column a catalog metric's rollup form filters on in some rollup", () => {
    const filtered = Object.values(catalog.metrics).flatMap(
      (m) => translateMetric(m.sql)?.filterColumns ?? [],
    );
    expect(new Set(filtered)).toEqual(new Set(['status', 'is_b2b']));
    for (const column of filtered)
      expect(ROLLUPS.some((r) => r.columns.some((c) => c.name === column && c.detailExpr === column))).toBe(
        true,
      );
  });
});
