import type { DashboardData } from '../../../src/charts/dashboard.js';
import { loadCatalog } from '../../../src/semantic/catalog.js';
import { parsePlan, type Plan, type PlanInput } from '../../../src/semantic/plan.js';
import type { Cell, QueryResult, ResultColumn } from '../../../src/warehouse/types.js';

/**
 * Small hand-made results shaped like the compiler's output (so the chart suite tests something without the Kaggle
 * files), and the plans that go with the real-data queries in real-data.ts.
 */
export function result(columns: [string, string][], rows: Cell[][]): QueryResult {
  return {
    columns: columns.map(([name, type]): ResultColumn => ({ name, type })),
    rows,
    truncated: false,
    elapsedMs: 1,
  };
}

export const plan = (input: Omit<PlanInput, 'source'> & { source?: PlanInput['source'] }): Plan =>
  parsePlan({ source: 'amazon_sales', ...input });

const Q2 = { from: '2022-04-01', to: '2022-06-30', label: 'April to June 2022' };
const JUNE = { from: '2022-06-01', to: '2022-06-30', label: 'June 2022' };

const STATES: [string, number][] = [
  ['MAHARASHTRA', 13335534],
  ['KARNATAKA', 10481114],
  ['TELANGANA', 6916615],
  ['UTTAR PRADESH', 6816642],
  ['TAMIL NADU', 6515651],
  ['DELHI', 4235215],
  ['KERALA', 3830227],
  ['WEST BENGAL', 3507880],
  ['ANDHRA PRADESH', 3219831],
  ['HARYANA', 2882092],
  ['GUJARAT', 2662163],
  ['RAJASTHAN', 1752268],
  ['MADHYA PRADESH', 1606432],
  ['BIHAR', 1261736],
  ['ODISHA', 1256127],
  ['PUNJAB', 1114220],
  ['ASSAM', 987651],
  ['JHARKHAND', 868564],
  ['UTTARAKHAND', 768421],
  ['ANDAMAN & NICOBAR', 63457],
];

const CATEGORIES: [string, number, number][] = [
  ['Set', 39204124, 19000000],
  ['kurta', 21299547, 9900000],
  ['Western Dress', 11216073, 5300000],
  ['Top', 5347792, 2600000],
  ['Ethnic Dress', 791217.66, 380000],
  ['Blouse', 458408.18, 200000],
  ['Bottom', 150667.98, 70000],
  ['Saree', 123933.76, 50000],
  ['Dupatta', 915, 500],
];

const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL'];

export interface Case {
  name: string;
  plan: Plan | undefined;
  result: QueryResult;
  /** The chart type chooseChart must pick. */
  expect: string | null;
}

export const HAND_MADE: Case[] = [
  {
    name: 'revenue-by-month',
    plan: plan({ metrics: ['revenue'], groupBy: ['month'], timeRange: Q2 }),
    result: result(
      [
        ['month', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
      ],
      [
        ['2022-04-01', 28838708.32],
        ['2022-05-01', 26226476.75],
        ['2022-06-01', 23425809.38],
      ],
    ),
    expect: 'line',
  },
  {
    name: 'orders-by-day',
    plan: plan({ metrics: ['orders'], groupBy: ['day'], timeRange: JUNE }),
    result: result(
      [
        ['day', 'DATE'],
        ['orders', 'BIGINT'],
      ],
      Array.from({ length: 30 }, (_, i) => [
        `2022-06-${String(i + 1).padStart(2, '0')}`,
        1000 + Math.round(300 * Math.sin(i / 3)) + i * 5,
      ]),
    ),
    expect: 'line',
  },
  {
    name: 'revenue-by-state',
    plan: plan({ metrics: ['revenue'], groupBy: ['state'], timeRange: Q2 }),
    result: result(
      [
        ['state', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
      ],
      STATES,
    ),
    expect: 'bar',
  },
  {
    name: 'revenue-share-by-category',
    plan: plan({ metrics: ['revenue'], groupBy: ['category'], share: true, timeRange: Q2 }),
    result: result(
      [
        ['category', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
        ['share', 'DOUBLE'],
      ],
      CATEGORIES.map(([c, v]) => [c, v, v / 78592678.3]),
    ),
    expect: 'bar',
  },
  {
    name: 'revenue-share-by-fulfilment',
    plan: plan({ metrics: ['revenue'], groupBy: ['fulfilment'], share: true, timeRange: Q2 }),
    result: result(
      [
        ['fulfilment', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
        ['share', 'DOUBLE'],
      ],
      [
        ['Amazon', 54322651, 0.6912],
        ['Merchant', 24270027.3, 0.3088],
      ],
    ),
    expect: 'donut',
  },
  {
    name: 'revenue-by-category-vs-previous',
    plan: plan({
      metrics: ['revenue'],
      groupBy: ['category'],
      timeRange: JUNE,
      compareTo: 'previous_period',
    }),
    result: result(
      [
        ['category', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
        ['revenue_previous', 'DECIMAL(18,2)'],
        ['revenue_change', 'DOUBLE'],
      ],
      CATEGORIES.slice(0, 6).map(([c, v, p]) => [c, v / 3.3, p / 1.4, v / 3.3 / (p / 1.4) - 1]),
    ),
    expect: 'paired_bar',
  },
  {
    name: 'revenue-by-size-and-category',
    plan: plan({ metrics: ['revenue'], groupBy: ['category', 'size'], timeRange: Q2 }),
    result: result(
      [
        ['category', 'VARCHAR'],
        ['size', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
      ],
      CATEGORIES.slice(0, 6).flatMap(([c, v], ci) =>
        SIZES.map((s, si) => [c, s, Math.round((v / 7) * (1 + 0.3 * Math.cos(si + ci)))]),
      ),
    ),
    expect: 'heatmap',
  },
  {
    name: 'revenue-by-fulfilment-and-channel',
    plan: plan({ metrics: ['revenue'], groupBy: ['state', 'fulfilment'], timeRange: Q2 }),
    result: result(
      [
        ['state', 'VARCHAR'],
        ['fulfilment', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
      ],
      STATES.slice(0, 8).flatMap(([s, v]) => [
        [s, 'Amazon', Math.round(v * 0.69)],
        [s, 'Merchant', Math.round(v * 0.31)],
      ]),
    ),
    expect: 'stacked_bar',
  },
  {
    name: 'weekly-revenue-by-category',
    plan: plan({ metrics: ['revenue'], groupBy: ['week', 'category'], timeRange: Q2 }),
    result: result(
      [
        ['week', 'VARCHAR'],
        ['category', 'VARCHAR'],
        ['revenue', 'DECIMAL(18,2)'],
      ],
      Array.from({ length: 12 }, (_, w) => {
        const d = new Date(Date.UTC(2022, 3, 4 + 7 * w)).toISOString().slice(0, 10);
        return CATEGORIES.slice(0, 4).map(([c, v], ci) => [
          d,
          c,
          Math.round((v / 13) * (1 - w * 0.02 + 0.05 * Math.sin(w + ci))),
        ]);
      }).flat(),
    ),
    expect: 'line',
  },
  {
    name: 'cancel-rate-by-category',
    plan: plan({ metrics: ['cancel_rate'], groupBy: ['category'] }),
    result: result(
      [
        ['category', 'VARCHAR'],
        ['cancel_rate', 'DOUBLE'],
      ],
      [
        ['Saree', 0.181],
        ['Set', 0.147],
        ['Western Dress', 0.142],
        ['kurta', 0.139],
        ['Top', 0.13],
        ['Blouse', 0.12],
        ['Ethnic Dress', 0.118],
        ['Bottom', 0.1],
        ['Dupatta', 0],
      ],
    ),
    expect: 'bar',
  },
  {
    name: 'revenue-vs-previous-total',
    plan: plan({ metrics: ['revenue'], timeRange: JUNE, compareTo: 'previous_period' }),
    result: result(
      [
        ['revenue', 'DECIMAL(18,2)'],
        ['revenue_previous', 'DECIMAL(18,2)'],
        ['revenue_change', 'DOUBLE'],
      ],
      [[23425809.38, 26226476.75, -0.1068]],
    ),
    expect: 'paired_bar',
  },
  {
    name: 'single-number',
    plan: plan({ metrics: ['revenue'], timeRange: Q2 }),
    result: result([['revenue', 'DECIMAL(18,2)']], [[78592678.3]]),
    expect: null,
  },
  {
    name: 'llm-sql-by-city',
    plan: undefined,
    result: result(
      [
        ['ship_city', 'VARCHAR'],
        ['total_amount', 'DOUBLE'],
      ],
      [
        ['BENGALURU', 5440000],
        ['HYDERABAD', 4000000],
        ['MUMBAI', 3600000],
        ['NEW DELHI', 3300000],
        ['CHENNAI', 3130000],
        ['PUNE', 2600000],
      ],
    ),
    expect: 'bar',
  },
];

/** Plans for the real-data queries (same keys as REAL_QUERIES), with the chart type each must get. */
export const REAL_PLANS: Record<string, { plan: Plan; expect: string }> = {
  revenueByMonth: { plan: plan({ metrics: ['revenue'], groupBy: ['month'], timeRange: Q2 }), expect: 'line' },
  revenueByDay: {
    plan: plan({ metrics: ['revenue'], groupBy: ['day'], timeRange: { ...Q2, to: '2022-06-29' } }),
    expect: 'line',
  },
  revenueByState: { plan: plan({ metrics: ['revenue'], groupBy: ['state'], timeRange: Q2 }), expect: 'bar' },
  revenueByCategory: { plan: plan({ metrics: ['revenue'], groupBy: ['category'] }), expect: 'bar' },
  ordersShareByStatus: {
    plan: plan({ metrics: ['orders'], groupBy: ['status'], share: true }),
    expect: 'donut',
  },
  revenueBySizeCategory: {
    plan: plan({ metrics: ['revenue'], groupBy: ['size', 'category'] }),
    expect: 'heatmap',
  },
  weeklyRevenueByCategory: {
    plan: plan({ metrics: ['revenue'], groupBy: ['week', 'category'] }),
    expect: 'line',
  },
  revenueByCategoryJuneVsMay: {
    plan: plan({
      metrics: ['revenue'],
      groupBy: ['category'],
      timeRange: JUNE,
      compareTo: 'previous_period',
    }),
    expect: 'paired_bar',
  },
  cancelRateByCategory: { plan: plan({ metrics: ['cancel_rate'], groupBy: ['category'] }), expect: 'bar' },
  topCitiesLikeSkus: { plan: plan({ metrics: ['revenue'], groupBy: ['sku'] }), expect: 'bar' },
};

/** A week's summary shaped like summary mode's output (figures in the range of the real data). */
export const DASHBOARD_SAMPLE: DashboardData = {
  heading: 'Weekly summary',
  period: { from: '2022-06-20', to: '2022-06-26' },
  comparePeriod: { from: '2022-06-13', to: '2022-06-19' },
  kpis: [
    { metric: 'revenue', value: 5348213.42, previous: 5615120.1 },
    { metric: 'orders', value: 7512, previous: 7704 },
    { metric: 'units', value: 7311, previous: 7599 },
    { metric: 'aov', value: 711.95, previous: 728.9 },
    { metric: 'cancel_rate', value: 0.1452, previous: 0.1398 },
  ],
  trend: {
    grain: 'day',
    points: Array.from({ length: 7 }, (_, i) => ({
      date: `2022-06-${String(20 + i)}`,
      revenue: 760000 + Math.round(60000 * Math.sin(i)),
    })),
  },
  topCategories: [
    { name: 'Set', revenue: 2650000 },
    { name: 'kurta', revenue: 1420000 },
    { name: 'Western Dress', revenue: 820000 },
    { name: 'Top', revenue: 360000 },
    { name: 'Ethnic Dress', revenue: 52000 },
    { name: 'Blouse', revenue: 30000 },
  ],
  topStates: STATES.slice(0, 8).map(([name, v]) => ({ name, revenue: Math.round(v / 14) })),
  statusMix: [
    { status: 'Shipped', orders: 4512 },
    { status: 'Shipped - Delivered to Buyer', orders: 1620 },
    { status: 'Cancelled', orders: 1091 },
    { status: 'Shipped - Returned to Seller', orders: 120 },
    { status: 'Pending', orders: 80 },
  ],
  // As the summary passes them: labels, formats and which way is good news from data/catalog.yml.
  metrics: loadCatalog().metrics,
};
