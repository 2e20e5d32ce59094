import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dimensionColumn, loadCatalog, parseCatalog } from '../../../src/semantic/catalog.js';
import { SOURCES } from '../../../src/semantic/plan.js';

describe('semantic catalog (data/catalog.yml)', () => {
  const catalog = loadCatalog();

  it('loads the shipped catalog with the metrics and dimensions the product promises', () => {
    for (const id of [
      'revenue',
      'net_revenue',
      'orders',
      'units',
      'aov',
      'cancel_rate',
      'return_rate',
      'b2b_share',
      'stock',
      'mrp',
      'intl_revenue',
      'intl_pcs',
    ])
      expect(catalog.metrics[id], id).toBeDefined();
    for (const id of [
      'category',
      'size',
      'state',
      'city',
      'status',
      'courier_status',
      'fulfilment',
      'sales_channel',
      'service_level',
      'b2b',
      'promotion',
      'sku',
      'style',
      'customer',
      'marketplace',
      'color',
      'day',
      'week',
      'month',
    ])
      expect(catalog.dimensions[id], id).toBeDefined();
    for (const s of SOURCES) expect(catalog.sources[s]).toBeDefined();
  });

  it('states the public definition of revenue (gross, all order lines)', () => {
    expect(catalog.metrics.revenue!.sql).toMatch(/SUM\(amount\)/);
    expect(catalog.metrics.revenue!.definition).toMatch(/gross/i);
    expect(catalog.metrics.net_revenue!.sql).toMatch(/Cancelled/);
  });

  it('maps synonyms people use to the right metric', () => {
    const owner = (word: string) =>
      Object.entries(catalog.metrics).find(([, m]) => m.synonyms.includes(word))?.[0];
    expect(owner('sales')).toBe('revenue');
    expect(owner('turnover')).toBe('revenue');
    expect(owner('gmv')).toBe('revenue');
    expect(owner('cancellations')).toBe('cancelled_orders');
    expect(owner('cancellation rate')).toBe('cancel_rate');
    expect(catalog.dimensions.state!.synonyms).toEqual(expect.arrayContaining(['region', 'province']));
  });

  it('resolves where each dimension lives', () => {
    expect(dimensionColumn(catalog, 'state', 'amazon_sales')).toBe('ship_state');
    expect(dimensionColumn(catalog, 'state', 'inventory')).toBeUndefined();
    expect(dimensionColumn(catalog, 'month', 'international_sales')).toBe('sale_date');
    expect(dimensionColumn(catalog, 'style', 'inventory')).toBe('design_no');
  });

  it('rejects a bad file with the path of the bad entry', () => {
    const text = readFileSync(new URL('../../../data/catalog.yml', import.meta.url), 'utf8');
    const broken = text.replace('format: inr', 'format: dollars');
    expect(() => parseCatalog(broken, 'broken.yml')).toThrow(
      /broken\.yml is invalid[\s\S]*metrics\.revenue\.format/,
    );
    expect(() => parseCatalog('metrics: [', 'x.yml')).toThrow(/not valid YAML/);
    expect(() =>
      parseCatalog(text.replace('sql: COALESCE(SUM(amount), 0)', 'sql: SUM(amount); DROP TABLE x')),
    ).toThrow(/no semicolons/);
    expect(() => loadCatalog('/nonexistent/catalog.yml')).toThrow(/could not be read/);
  });

  it("names each dimension's values in the plural: the label's plural, or the catalog's own where it reads better", () => {
    expect(catalog.dimensions.category!.plural).toBe('categories');
    expect(catalog.dimensions.state!.plural).toBe('states');
    expect(catalog.dimensions.size!.plural).toBe('sizes');
    expect(catalog.dimensions.fulfilled_by!.plural).toBe('merchant programmes');
    // Set in the file: "Order status" values are statuses; "SKU" keeps its capitals.
    expect(catalog.dimensions.status!.plural).toBe('statuses');
    expect(catalog.dimensions.sku!.plural).toBe('SKUs');
    const text = readFileSync(new URL('../../../data/catalog.yml', import.meta.url), 'utf8');
    const renamed = parseCatalog(text.replace('    plural: statuses\n', '    plural: order states\n'));
    expect(renamed.dimensions.status!.plural).toBe('order states');
    const derived = parseCatalog(text.replace('    plural: statuses\n', ''));
    expect(derived.dimensions.status!.plural).toBe('order statuses');
  });

  it('lists the summary KPIs, each a metric of the Amazon orders', () => {
    expect(catalog.summary.kpis).toEqual(['revenue', 'orders', 'units', 'aov', 'cancel_rate']);
    const text = readFileSync(new URL('../../../data/catalog.yml', import.meta.url), 'utf8');
    const kpis = '  kpis: [revenue, orders, units, aov, cancel_rate]';
    expect(() => parseCatalog(text.replace(kpis, '  kpis: [revenue, stock]'))).toThrow(
      /summary\.kpis\.1: "stock" is not a metric of amazon_sales/,
    );
    expect(() => parseCatalog(text.replace(kpis, '  kpis: [revenue, revenue]'))).toThrow(/listed twice/);
    expect(() => parseCatalog(text.replace(kpis, '  kpis: []'))).toThrow(/summary\.kpis/);
  });
});
