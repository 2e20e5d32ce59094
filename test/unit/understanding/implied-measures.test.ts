import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('measures the words imply', () => {
  it('"which 4 states ordered the least" counts orders; "units ordered" stays units alone', () => {
    expect(h.planOf('which 4 states ordered the least in june?').plan).toMatchObject({
      metrics: ['orders'],
      groupBy: ['state'],
      sort: { direction: 'asc' },
      limit: 4,
    });
    expect(h.planOf('units ordered in may by category').plan.metrics).toEqual(['units']);
  });

  it('"which wholesale months crossed 15 lakh" bounds the wholesale revenue, without asking which measure', () => {
    const { plan } = h.planOf('which wholesale months crossed 15 lakh?');
    expect(plan).toMatchObject({
      source: 'international_sales',
      metrics: ['intl_revenue'],
      groupBy: ['month'],
    });
    expect(plan.threshold).toEqual([{ metric: 'intl_revenue', op: 'gt', value: 1_500_000 }]);
  });

  it('"how many lines …" counts order lines', () => {
    expect(h.planOf('how many lines were cancelled in may?').plan.metrics).toEqual(['order_lines']);
  });

  it('"B2B vs regular customers" is a breakdown by buyer type, not retail alone', () => {
    const { plan } = h.planOf('AOV for B2B vs regular customers?');
    expect(plan.groupBy).toEqual(['b2b']);
    expect(plan.filters).toEqual([]);
  });
});

describe('follow-ups that change the measure or the period', () => {
  it('"make it a rate" after returned lines by category is the return rate by category', () => {
    const [, rate] = h.thread('returned order lines by category in june', 'make it a rate');
    expect(rate).toMatchObject({ metrics: ['return_rate'], groupBy: ['category'] });
    const [, cancel] = h.thread('cancelled orders by state in may', 'as a rate');
    expect(cancel!.metrics).toEqual(['cancel_rate']);
  });

  it('"and the one before that" moves the thread\'s period back by its length, without a comparison', () => {
    const [, , before] = h.thread(
      'rev by day last week',
      'and the one before that',
      'and the one before that',
    );
    expect([before!.timeRange?.from, before!.timeRange?.to]).toEqual(['2022-06-06', '2022-06-12']);
    expect(before!.compareTo).toBeUndefined();
    const [, , vs] = h.thread('units last week', 'only kurta', 'vs the week before that');
    expect(vs!.compareTo).toBeDefined();
    const [, may] = h.thread('return rate by category in june', 'and the month before that');
    expect([may!.timeRange?.from, may!.timeRange?.to]).toEqual(['2022-05-01', '2022-05-31']);
  });
});

describe('rates the words imply', () => {
  it('"cancelled more often than" sets two groups against each other by the cancellation rate', () => {
    const { plan } = h.planOf('last week, were expedited orders cancelled more often than standard ones?');
    expect(plan.metrics).toEqual(['cancel_rate']);
    expect(plan.groupBy).toEqual(['service_level']);
    expect(plan.filters.map((f) => f.dimension)).toEqual(['service_level']);
  });

  it('"what share of shipped lines came back as returns" is the return rate, one figure', () => {
    const { plan } = h.planOf('what share of shipped kurta lines came back to us as returns?');
    expect(plan).toMatchObject({ metrics: ['return_rate'], groupBy: [] });
    expect(plan.filters).toEqual([{ dimension: 'category', op: 'in', values: ['Kurta'] }]);
    expect(h.planOf('what share of lines got cancelled last week').plan).toMatchObject({
      metrics: ['cancel_rate'],
      groupBy: [],
      filters: [],
    });
  });

  it('"of all cancelled lines, what share were merchant-fulfilled" stays a share of the cancelled lines', () => {
    const { plan } = h.planOf('of all cancelled lines, what share were merchant-fulfilled?');
    expect(plan.metrics).not.toContain('cancel_rate');
    expect(plan.filters.map((f) => f.dimension)).toContain('status');
  });

  it('"compared with the one before it" compares with the previous period', () => {
    const { plan } = h.planOf('cancelled lines - last week compared with the one before it, please');
    expect(plan.compareTo).toBe('previous_period');
  });
});

describe('measures said in everyday words', () => {
  it('"what did a Kurta unit sell for on average" is the average selling price', () => {
    expect(h.planOf('What did a Kurta unit sell for on average in May?').plan.metrics).toEqual(['avg_price']);
    expect(h.planOf('units sold for everything except sets').plan.metrics).toEqual(['units']);
  });

  it('"value of merchant-fulfilled lines" is revenue; "how many pieces are in an order" units per order', () => {
    expect(
      h.planOf('Value of merchant-fulfilled lines in May that had no promo applied').plan.metrics,
    ).toEqual(['revenue']);
    expect(h.planOf('On average how many pieces are in an order this month?').plan.metrics).toEqual([
      'units_per_order',
    ]);
  });

  it('"OOS SKU tally per size" counts SKUs; "on Set units" measures units', () => {
    expect(h.planOf('OOS SKU tally per size, please').plan).toMatchObject({
      metrics: ['sku_count'],
      groupBy: ['size'],
    });
    expect(h.planOf('How did April stack up against May on Set units?').plan.metrics).toEqual(['units']);
  });

  it('"stuck in a pending state" is the status, not a breakdown by state', () => {
    const { plan } = h.planOf('How many Easy Ship orders are still stuck in a pending state?');
    expect(plan.groupBy).toEqual([]);
    expect(plan.filters.map((f) => f.dimension).sort()).toEqual(['fulfilled_by', 'status']);
  });

  it('"are Standard or Expedited shipments cancelled more often" sets the two side by side', () => {
    const { plan } = h.planOf('Are Standard or Expedited shipments getting cancelled more often this month?');
    expect(plan).toMatchObject({ metrics: ['cancel_rate'], groupBy: ['service_level'] });
  });
});

describe('statuses and places in everyday words', () => {
  it('"Easy Ship orders that ended up Returned to Seller" filters that status', () => {
    expect(h.planOf('How many Easy Ship orders ended up Returned to Seller?').plan.filters).toContainEqual({
      dimension: 'status',
      op: 'in',
      values: ['Shipped - Returned to Seller'],
    });
  });

  it('"revenue out of Pune" is Pune\'s revenue, not revenue with Pune taken out', () => {
    const filters = h.planOf('Kurta revenue out of Pune').plan.filters;
    expect(filters.map((f) => [f.dimension, f.op])).toEqual([
      ['category', 'in'],
      ['city', 'in'],
    ]);
  });
});
