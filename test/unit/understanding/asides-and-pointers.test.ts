import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/semantic/plan.js';
import { createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const monthly = (p: Partial<Plan> = {}): Plan => ({
  source: 'international_sales',
  metrics: ['intl_revenue'],
  groupBy: ['month'],
  filters: [{ dimension: 'customer', op: 'in', values: ['MULBERRIES BOUTIQUE'] }],
  share: false,
  chart: 'auto',
  ...p,
});

describe('ratios typed with a slash, and a value labelled by its dimension', () => {
  it('"units/order in june" is units per order, as "units per order" is', () => {
    expect(h.planOf('units/order in june?').plan.metrics).toEqual(['units_per_order']);
  });

  it('"standard shipping only" filters the service level the word "shipping" names', () => {
    const [, only] = h.thread('units by city in june', 'standard shipping only');
    expect(only!.filters).toEqual([{ dimension: 'service_level', op: 'in', values: ['Standard'] }]);
  });
});

describe('months side by side', () => {
  it('"april and may net revenue" is shown month by month over the two months', () => {
    const { plan } = h.planOf('april and may net revenue');
    expect(plan.groupBy).toEqual(['month']);
    expect([plan.timeRange?.from, plan.timeRange?.to]).toEqual(['2022-04-01', '2022-05-31']);
  });

  it('"from April to May" stays one period', () => {
    expect(h.planOf('net revenue from april to may').plan.groupBy).toEqual([]);
  });
});

describe('words that point at the last answer', () => {
  it('"their price per piece overall" keeps the thread\'s customer and drops the monthly breakdown', () => {
    const { plan } = h.planOf('whats their avg price per piece overall', monthly());
    expect(plan.metrics).toEqual(['intl_price_per_piece']);
    expect(plan.groupBy).toEqual([]);
    expect(plan.filters).toEqual(monthly().filters);
  });

  it('"and overall?" after a breakdown is the one total for the same period', () => {
    const [byCategory, total] = h.thread('revenue by category in may', 'and overall?');
    expect(total).toMatchObject({ metrics: ['revenue'], groupBy: [], timeRange: byCategory!.timeRange });
  });

  it('"how many returned lines is that for each" keeps the breakdown and adds the count', () => {
    const [, both] = h.thread(
      'return rate per category in april',
      'how many returned lines is that for each',
    );
    expect(both!.groupBy).toEqual(['category']);
    expect(both!.metrics).toContain('returns');
  });

  it('"order count, all statuses" is an aside, not a breakdown or a count of statuses', () => {
    const [, orders] = h.thread('net revenue by month', 'now order count, all statuses');
    expect(orders).toMatchObject({ metrics: ['orders'], groupBy: ['month'] });
  });
});
