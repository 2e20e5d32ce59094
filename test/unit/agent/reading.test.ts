import { describe, expect, it } from 'vitest';
import { formatDayRange } from '../../../src/agent/format-value.js';
import { alternativeId, describeReading, toAlternatives } from '../../../src/agent/understanding/reading.js';
import { parsePlan, type PlanInput } from '../../../src/semantic/plan.js';
import { MAY_2022, testCatalog } from './helpers/deps.js';

const catalog = testCatalog();
const JUNE_2022 = { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' };
const LAST_7_DAYS = { from: '2022-06-23', to: '2022-06-29', label: 'last 7 days (2022-06-23 to 2022-06-29)' };

function read(input: Partial<PlanInput>, opts?: Parameters<typeof describeReading>[2]): string {
  return describeReading(
    parsePlan({ source: 'amazon_sales', metrics: ['revenue'], ...input }),
    catalog,
    opts,
  );
}

describe('describeReading', () => {
  it('reads a breakdown, a yes/no filter and an explicit range in the order a person says them', () => {
    expect(
      read({
        groupBy: ['month'],
        filters: [{ dimension: 'b2b', op: 'in', values: [true] }],
        timeRange: { from: '2022-03-31', to: '2022-06-29', label: '2022-03-31 to 2022-06-29' },
      }),
    ).toBe('revenue · by month · B2B orders only · 31 Mar–29 Jun 2022');
  });

  it('reads a ranking with its limit, a one-value filter and a whole month', () => {
    expect(
      read({
        metrics: ['orders'],
        groupBy: ['state'],
        filters: [{ dimension: 'category', op: 'in', values: ['Kurta'] }],
        sort: { by: 'orders', direction: 'desc' },
        limit: 5,
        timeRange: MAY_2022,
      }),
    ).toBe('orders · top 5 states · Kurta only · May 2022');
    expect(read({ groupBy: ['category'], limit: 3, sort: { by: 'revenue', direction: 'asc' } })).toBe(
      'revenue · bottom 3 categories · all dates',
    );
    expect(read({ groupBy: ['sku'], limit: 10, timeRange: JUNE_2022 })).toBe(
      'revenue · top 10 SKUs · June 2022',
    );
    expect(read({ groupBy: ['state'], limit: 1, timeRange: JUNE_2022 })).toBe(
      'revenue · top state · June 2022',
    );
  });

  it('reads a grouped dimension restricted to some values as "A vs B"', () => {
    expect(
      read({
        groupBy: ['fulfilment'],
        filters: [{ dimension: 'fulfilment', op: 'in', values: ['Amazon', 'Merchant'] }],
        timeRange: JUNE_2022,
      }),
    ).toBe('revenue · Amazon vs Merchant · June 2022');
  });

  it('reads exclusions, several values and relative periods with their dates', () => {
    expect(
      read({
        metrics: ['units'],
        filters: [{ dimension: 'state', op: 'not_in', values: ['Kerala'] }],
        timeRange: LAST_7_DAYS,
      }),
    ).toBe('units · excluding Kerala · last 7 days (23–29 Jun 2022)');
    expect(
      read({
        filters: [
          { dimension: 'category', op: 'in', values: ['Kurta', 'Set', 'Top'] },
          { dimension: 'state', op: 'not_in', values: ['Kerala', 'Goa'] },
          { dimension: 'size', op: 'in', values: ['M'] },
        ],
        timeRange: MAY_2022,
      }),
    ).toBe('revenue · Kurta, Set or Top · excluding Kerala and Goa · size M only · May 2022');
  });

  it('reads comparisons: two named periods, or the previous period with its dates', () => {
    expect(read({ timeRange: JUNE_2022, compareTo: MAY_2022 })).toBe('revenue · Jun 2022 vs May 2022');
    expect(read({ timeRange: LAST_7_DAYS, compareTo: 'previous_period' })).toBe(
      'revenue · last 7 days (23–29 Jun 2022) vs the previous period (16–22 Jun 2022)',
    );
    expect(read({ groupBy: ['category'], timeRange: JUNE_2022, compareTo: 'previous_period' })).toBe(
      'revenue · by category · Jun 2022 vs the previous period (May 2022)',
    );
  });

  it('says "all dates" without a time range (with the coverage when known), and nothing for a source without dates', () => {
    expect(read({ groupBy: ['category'], share: true })).toBe(
      'revenue · share of total · by category · all dates',
    );
    expect(
      read({ groupBy: ['category'], share: true }, { coverage: { from: '2022-03-31', to: '2022-06-29' } }),
    ).toBe('revenue · share of total · by category · all dates (31 Mar–29 Jun 2022)');
    expect(read({ source: 'international_sales', metrics: ['intl_revenue'], groupBy: ['customer'] })).toBe(
      'international revenue · by customer · all dates',
    );
    expect(read({ source: 'inventory', metrics: ['stock'], groupBy: ['category'] })).toBe(
      'stock on hand · by category',
    );
  });

  it('lower-cases catalog labels but keeps acronyms, and lists several metrics', () => {
    expect(read({ metrics: ['b2b_share'], timeRange: MAY_2022 })).toBe('B2B share of revenue · May 2022');
    expect(read({ metrics: ['revenue', 'orders', 'aov'], timeRange: MAY_2022 })).toBe(
      'revenue, orders and average order value · May 2022',
    );
    expect(
      read({
        metrics: ['revenue', 'orders'],
        groupBy: ['state'],
        sort: { by: 'orders', direction: 'desc' },
        limit: 3,
      }),
    ).toBe('revenue and orders · top 3 states by orders · all dates');
  });

  it('reads yes/no filters through the catalog phrases, whichever way they are written', () => {
    expect(
      read({ filters: [{ dimension: 'promotion', op: 'in', values: [false] }], timeRange: MAY_2022 }),
    ).toBe('revenue · without a promotion · May 2022');
    expect(
      read({ filters: [{ dimension: 'b2b', op: 'not_in', values: ['B2B'] }], timeRange: MAY_2022 }),
    ).toBe('revenue · retail (B2C) orders only · May 2022');
    expect(
      read({
        groupBy: ['b2b'],
        filters: [{ dimension: 'b2b', op: 'in', values: [true, false] }],
        timeRange: MAY_2022,
      }),
    ).toBe('revenue · B2B vs Retail (B2C) · May 2022');
  });

  it('keeps relative words of a period label and drops ISO dates from it', () => {
    expect(
      read({ timeRange: { from: '2022-06-29', to: '2022-06-29', label: 'the latest day (2022-06-29)' } }),
    ).toBe('revenue · latest day (29 Jun 2022)');
    expect(
      read({
        timeRange: {
          from: '2022-06-20',
          to: '2022-06-26',
          label: 'the week of 2022-06-20 (2022-06-20 to 2022-06-26)',
        },
      }),
    ).toBe('revenue · 20–26 Jun 2022');
    expect(
      read({
        timeRange: { from: '2022-04-01', to: '2022-06-30', label: 'Q2 2022 (2022-04-01 to 2022-06-30)' },
      }),
    ).toBe('revenue · Q2 2022 (April–June 2022)');
    expect(
      read({
        timeRange: { from: '2022-03-31', to: '2022-06-29', label: 'all data (2022-03-31 to 2022-06-29)' },
      }),
    ).toBe('revenue · all dates (31 Mar–29 Jun 2022)');
  });
});

describe('formatDayRange', () => {
  it('writes days, months and years compactly', () => {
    expect(formatDayRange('2022-06-23', '2022-06-29')).toBe('23–29 Jun 2022');
    expect(formatDayRange('2022-03-31', '2022-06-29')).toBe('31 Mar–29 Jun 2022');
    expect(formatDayRange('2021-12-31', '2022-01-05')).toBe('31 Dec 2021–5 Jan 2022');
    expect(formatDayRange('2022-06-29', '2022-06-29')).toBe('29 Jun 2022');
    expect(formatDayRange('2022-05-01', '2022-05-31')).toBe('May 2022');
    expect(formatDayRange('2022-06-01', '2022-06-30')).toBe('June 2022');
    expect(formatDayRange('2022-06-01', '2022-06-30', { shortMonths: true })).toBe('Jun 2022');
    expect(formatDayRange('2022-04-01', '2022-06-30')).toBe('April–June 2022');
    expect(formatDayRange('2021-06-01', '2022-05-31', { shortMonths: true })).toBe('Jun 2021–May 2022');
    expect(formatDayRange('2022-01-01', '2022-12-31')).toBe('2022');
  });
});

describe('alternatives', () => {
  const chosen = parsePlan({ source: 'amazon_sales', metrics: ['revenue'], timeRange: MAY_2022 });
  const orders = parsePlan({ source: 'amazon_sales', metrics: ['orders'], timeRange: MAY_2022 });
  const net = parsePlan({ source: 'amazon_sales', metrics: ['net_revenue'], timeRange: MAY_2022 });

  it('gives each plan a stable id, drops the chosen plan and duplicates, and labels unlabelled ones', () => {
    const alternatives = toAlternatives(
      [
        { label: 'orders · May 2022', plan: orders },
        { label: 'the same again', plan: { ...chosen, chart: 'bar' } },
        { label: '', plan: net },
        { label: 'orders again', plan: structuredClone(orders) },
      ],
      chosen,
      catalog,
    );
    expect(alternatives.map((a) => a.label)).toEqual(['orders · May 2022', 'net revenue · May 2022']);
    expect(alternatives[0]!.id).toBe(alternativeId(structuredClone(orders)));
    expect(alternatives[0]!.id).not.toBe(alternatives[1]!.id);
    expect(alternatives[0]!.id).toMatch(/^alt-[\w-]{12}$/);
    expect(toAlternatives(undefined, chosen, catalog)).toEqual([]);
  });
});
